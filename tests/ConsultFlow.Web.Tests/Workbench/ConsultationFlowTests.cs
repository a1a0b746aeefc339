using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using static ConsultFlow.Web.Tests.Workbench.WorkbenchSteps;

namespace ConsultFlow.Web.Tests.Workbench;

/// <summary>
/// A full 会商 in the browser with three agencies: the 市场监管局 (scjg) asks, the office (sfj) reviews, convenes,
/// records the outcome and approves the minutes, the 综合执法局 (zhzf) gives its opinion on its task page; the
/// 生态环境分局's opinion and the requester's minutes and task list go through the API (their pages were shown). The
/// minutes download as .docx, the tasks appear on the decomposition board, and the 自然资源局 (zrzy) sees none of it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConsultationFlowTests(WebApp app)
{
    [Fact]
    public async Task A_consultation_goes_from_request_to_minutes_and_tasks_across_three_agencies()
    {
        var subject = $"占道经营执法衔接{Guid.NewGuid():N}"[..14];

        // The requester starts it from the start form.
        await using var requester = await app.SignInAsync("scjg-contact");
        await requester.GotoAsync("/start/consultation");
        // The requesting agency is the starter's own: shown, not chosen.
        await Assertions.Expect(requester.Page.Locator("input[name=requestingAgency]")).ToHaveAttributeAsync("data-acting-agency", "scjg");
        await requester.Page.Locator("button[data-testid=start-submit]").ClickAsync();
        await Assertions.Expect(requester.Page.Locator("[data-field=background] .field-error")).ToBeVisibleAsync();
        await requester.Page.Locator("input[name=subject]").FillAsync(subject);
        await requester.Page.Locator("textarea[name=background]").FillAsync("城区占道经营投诉增多，市场监管与综合执法职责交叉。");
        await requester.Page.Locator("textarea[name=mainContent]").FillAsync("明确占道经营中无照经营与占道行为的查处分工。");
        await requester.ScreenshotAsync("workbench-agency-start-consultation");
        await requester.Page.Locator("button[data-testid=start-submit]").ClickAsync();
        var id = await OpenCaseIdAsync(requester);
        await Assertions.Expect(requester.Page.GetByTestId("started-notice")).ToBeVisibleAsync();
        await Assertions.Expect(requester.Page.Locator("[data-testid=case-open-tasks] tr[data-activity=review]")).ToBeVisibleAsync();

        // The office: the request is in its review queue; accepted with two participants; the meeting convened.
        await using var coordinator = await app.SignInAsync("sfj-coordinator");
        await coordinator.GotoAsync("/office");
        var review = coordinator.Page.Locator($"[data-stage=review] [data-testid=office-task][data-instance='{id}']");
        await Assertions.Expect(review).ToBeVisibleAsync();
        await coordinator.ScreenshotAsync("workbench-office");
        await review.Locator("a").ClickAsync();
        await coordinator.Page.Locator("select[name=category]").SelectOptionAsync(new SelectOptionValue { Index = 4 });
        await coordinator.Page.Locator("input[name='participants.zhzf']").CheckAsync();
        await coordinator.Page.Locator("input[name='participants.sthj']").CheckAsync();
        await coordinator.Page.Locator("select[name=format]").SelectOptionAsync("座谈会");
        await ChooseOutcomeAsync(coordinator, "accept");

        await OpenInboxTaskAsync(coordinator, id, "convene");
        await coordinator.Page.Locator("input[name=meetingDate]").FillAsync("2026-12-09T09:30");
        await coordinator.Page.Locator("input[name=place]").FillAsync("区司法局三楼会议室");
        await coordinator.Page.Locator("select[name=convener]").SelectOptionAsync("执法协调小组组长");
        await ChooseOutcomeAsync(coordinator, "notify");

        // 综合执法局 answers on its task page; 生态环境分局 through the API.
        await using var enforcement = await app.SignInAsync("zhzf-contact");
        await enforcement.GotoAsync("/tasks");
        await Assertions.Expect(enforcement.Page.Locator($"[data-testid=task-row][data-instance='{id}'][data-activity=opinion]")).ToBeVisibleAsync();
        await enforcement.ScreenshotAsync("workbench-agency-tasks");
        await OpenInboxTaskAsync(enforcement, id, "opinion");
        await Assertions.Expect(enforcement.Page.GetByTestId("task-case")).ToContainTextAsync("明确占道经营中无照经营与占道行为的查处分工。");
        await enforcement.Page.Locator("textarea[name=opinion]").FillAsync("同意分工，建议每月联合巡查。");
        await enforcement.ScreenshotAsync("workbench-agency-task-opinion");
        await ChooseOutcomeAsync(enforcement, "agree");
        using (var environment = await app.Server.ApiAsync("sthj-contact"))
            await CompleteAsync(environment, id, "opinion", "disagree", new JsonObject { ["opinion"] = "涉及油烟污染的，应由生态环境分局一并参与。" });

        // The office records the consensus; the requester drafts the minutes and lists the tasks (API); the office approves.
        await OpenInboxTaskAsync(coordinator, id, "recordOutcome");
        await coordinator.Page.Locator("textarea[name=summary]").FillAsync("提请单位介绍背景，各方充分交换意见。");
        await coordinator.Page.Locator("textarea[name=consensusText]").FillAsync("无照经营由市场监管局查处，占道行为由综合执法局查处。");
        await ChooseOutcomeAsync(coordinator, "consensus");
        using (var requesterApi = await app.Server.ApiAsync("scjg-contact"))
        {
            await CompleteAsync(requesterApi, id, "minutesDraft", "submit", new JsonObject { ["minutes"] = "会议由副组长主持，形成如下记录。" });
            await CompleteAsync(requesterApi, id, "taskEntry", "addDated", new JsonObject
            {
                ["seq"] = 1, ["task"] = $"联合整治占道经营{subject[^4..]}", ["measures"] = "每月联合巡查一次。",
                ["responsibleUnits"] = new JsonArray("scjg", "zhzf"), ["due"] = "2027-06-30",
            });
            await CompleteAsync(requesterApi, id, "taskEntry", "finish");
        }
        await coordinator.GotoAsync("/office");
        await coordinator.Page.Locator($"[data-stage=minutes] [data-testid=office-task][data-instance='{id}'] a").ClickAsync();
        await coordinator.Page.Locator("textarea[name=approvalOpinion]").FillAsync("同意印发。");
        await ChooseOutcomeAsync(coordinator, "approve");

        // The requester's case page: the timeline, the participants, and the minutes as .docx with the case's data.
        await requester.GotoAsync($"/cases/{id}");
        await Assertions.Expect(requester.Page.Locator("[data-testid=case-participants] [data-agency=zhzf]")).ToBeVisibleAsync();
        await Assertions.Expect(requester.Page.Locator("[data-testid=case-timeline] li[data-kind=taskCompleted]")).ToHaveCountAsync(9);
        var download = await requester.Page.RunAndWaitForDownloadAsync(() =>
            requester.Page.Locator("[data-testid=case-documents] [data-document=minutes] a").ClickAsync());
        download.SuggestedFilename.Should().Be($"会商纪要-{subject}.docx");
        var text = DocxText(await File.ReadAllBytesAsync((await download.PathAsync())!));
        text.Should().Contain(subject).And.Contain("区司法局三楼会议室").And.Contain("同意分工，建议每月联合巡查。")
            .And.Contain("无照经营由市场监管局查处，占道行为由综合执法局查处。").And.Contain("同意印发。").And.NotContain("草稿");
        await requester.ScreenshotAsync("workbench-case-consultation");

        // The tasks went out as a decomposition case: on the office's board under each responsible unit.
        using var office = await app.Server.ApiAsync("sfj-coordinator");
        for (var i = 0; i < 100 && !(await office.GetJsonAsync("/api/cases?process=task-decomposition&take=500"))["items"]!.AsArray()
                 .Any(c => c!["startedByAgency"]?.GetValue<string>() == "scjg" && c["status"]!.GetValue<string>() == "suspended"); i++)
            await Task.Delay(100);
        await coordinator.GotoAsync("/office/board");
        var column = coordinator.Page.Locator("[data-testid=board-column][data-agency=zhzf]");
        await Assertions.Expect(column.Locator("[data-testid=board-task]", new() { HasText = subject[^4..] })).ToBeVisibleAsync();
        await coordinator.ScreenshotAsync("workbench-office-board");

        // An agency that was never asked sees none of it.
        await using var outsider = await app.SignInAsync("zrzy-contact");
        await outsider.GotoAsync($"/cases/{id}");
        await Assertions.Expect(outsider.Page.GetByTestId("problem")).ToBeVisibleAsync();
        await Assertions.Expect(outsider.Page.GetByTestId("case-page")).ToHaveCountAsync(0);
        await outsider.GotoAsync("/cases");
        await Assertions.Expect(outsider.Page.Locator($"[data-instance='{id}']")).ToHaveCountAsync(0);
        await outsider.GotoAsync("/tasks");
        await Assertions.Expect(outsider.Page.Locator($"[data-instance='{id}']")).ToHaveCountAsync(0);
        using var outsiderApi = await app.Server.ApiAsync("zrzy-contact");
        (await outsiderApi.Http.GetAsync($"api/cases/{id}/documents/minutes")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    internal static string DocxText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }
}
