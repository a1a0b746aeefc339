using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static ConsultFlow.Web.Tests.Workbench.WorkbenchSteps;

namespace ConsultFlow.Web.Tests.Workbench;

/// <summary>
/// 两法衔接 in the browser: the 市场监管局 (scjg) starts a referral from its start form and transfers it with its five
/// documents uploaded on the task page (the team, report and approval go through the API); the 检察院 (jcy) sees the
/// copy on its supervision page; the 公安分局 (gaj) signs the receipt and its leader files the case on their task
/// pages; the procuratorate then sees it filed. The 自然资源局 (zrzy) sees none of it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReferralFlowTests(WebApp app)
{
    [Fact]
    public async Task The_start_page_offers_the_police_only_what_the_police_may_start()
    {
        await using var police = await app.SignInAsync("gaj-staff");
        await police.GotoAsync("/start");
        var tiles = police.Page.Locator("[data-testid=start-chooser] [data-process]");
        await Assertions.Expect(tiles).ToHaveCountAsync(2);
        (await tiles.EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.process)")).Should().BeEquivalentTo("consultation", "assistance-request");
    }

    [Fact]
    public async Task A_referral_reaches_the_police_filing_decision_with_the_procuratorate_following_its_copy()
    {
        var caseNo = $"大市监罚〔2026〕{Random.Shared.Next(100, 999)}号-{Guid.NewGuid():N}"[..22];
        await using var staff = await app.SignInAsync("scjg-staff");
        await staff.GotoAsync("/start/criminal-referral");
        // The referring agency is the starter's own: shown, not chosen.
        await Assertions.Expect(staff.Page.Locator("input[name=agency]")).ToHaveAttributeAsync("data-acting-agency", "scjg");
        await staff.Page.Locator("input[name=caseNo]").FillAsync(caseNo);
        await staff.Page.Locator("input[name=caseName]").FillAsync("某食品公司生产销售不符合安全标准的食品案");
        await staff.Page.Locator("input[name=suspect]").FillAsync("某食品有限公司");
        await staff.Page.Locator("input[name=suspectedCrime]").FillAsync("生产、销售不符合安全标准的食品罪");
        await staff.Page.Locator("textarea[name=thresholdFacts]").FillAsync("抽检致病菌超标，涉案货值金额约12万元。");
        await staff.Page.Locator("textarea[name=evidenceSummary]").FillAsync("抽样检验报告、现场检查笔录、询问笔录。");
        await staff.Page.Locator("textarea[name=itemList]").FillAsync("查封冷冻肉制品320箱");
        await staff.Page.Locator("button[data-testid=start-submit]").ClickAsync();
        var id = await OpenCaseIdAsync(staff);

        using (var leader = await app.Server.ApiAsync("scjg-leader"))
        using (var staffApi = await app.Server.ApiAsync("scjg-staff"))
        {
            await CompleteAsync(leader, id, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四" });
            await CompleteAsync(staffApi, id, "teamReport", "submitted", new JsonObject { ["verification"] = "经核实，达到刑事追诉标准。", ["report"] = "att-report" });
            await CompleteAsync(leader, id, "headDecision", "approve", new JsonObject { ["opinion"] = "同意移送。" });
        }

        // The transfer with the documents uploaded into the case, on the task page.
        await OpenInboxTaskAsync(staff, id, "transfer");
        await UploadAsync(staff, "transferLetter", "涉嫌犯罪案件移送书.pdf");
        await UploadAsync(staff, "investigationReport", "调查报告.pdf");
        await UploadAsync(staff, "itemList", "涉案物品清单.pdf");
        await UploadAsync(staff, "testingReport", "检验报告.pdf");
        await UploadAsync(staff, "otherMaterials", "询问笔录.pdf");
        await UploadAsync(staff, "otherMaterials", "现场检查笔录.pdf");
        await staff.ScreenshotAsync("workbench-agency-task-transfer");
        await ChooseOutcomeAsync(staff, "transferred");
        await Assertions.Expect(staff.Page.Locator("[data-testid=case-attachments] li")).ToHaveCountAsync(6);

        // The procuratorate's copy: on its supervision page, with the registration waiting and the stage "transferred".
        await using var prosecutor = await app.SignInAsync("jcy-staff");
        await prosecutor.GotoAsync("/procuratorate");
        await Assertions.Expect(prosecutor.Page.Locator($"[data-testid=referral-row][data-instance='{id}']")).ToHaveAttributeAsync("data-stage", "transferred");
        await Assertions.Expect(prosecutor.Page.Locator($"[data-testid=supervision-action][data-instance='{id}'][data-activity=procuratorateCopy]")).ToBeVisibleAsync();
        await prosecutor.ScreenshotAsync("workbench-procuratorate");

        // The police sign the receipt and their leader files the case.
        await using var police = await app.SignInAsync("gaj-staff");
        await OpenInboxTaskAsync(police, id, "receipt");
        await Assertions.Expect(police.Page.GetByTestId("task-case")).ToContainTextAsync(caseNo);
        await UploadAsync(police, "receiptForm", "回执.pdf");
        await ChooseOutcomeAsync(police, "accept");
        await using var policeLeader = await app.SignInAsync("gaj-leader");
        await OpenInboxTaskAsync(policeLeader, id, "policeReview");
        await policeLeader.Page.Locator("button[data-outcome=file]").ClickAsync();
        await Assertions.Expect(policeLeader.Page.Locator("[data-field=filingNotice].wb-missing")).ToBeVisibleAsync();
        await UploadAsync(policeLeader, "filingNotice", "立案通知书.pdf");
        await Assertions.Expect(policeLeader.Page.Locator("[data-field=filingNotice].wb-missing")).ToHaveCountAsync(0);
        await policeLeader.ScreenshotAsync("workbench-police-task-review");
        await ChooseOutcomeAsync(policeLeader, "file");

        // The procuratorate sees it filed, and the referral letter of the case.
        await prosecutor.GotoAsync("/procuratorate");
        await Assertions.Expect(prosecutor.Page.Locator($"[data-testid=referral-row][data-instance='{id}']")).ToHaveAttributeAsync("data-stage", "filed");
        await prosecutor.GotoAsync($"/cases/{id}");
        await Assertions.Expect(prosecutor.Page.Locator("[data-testid=case-closed-tasks] tr[data-activity=policeReview] [data-outcome=file]")).ToBeVisibleAsync();
        var download = await prosecutor.Page.RunAndWaitForDownloadAsync(() =>
            prosecutor.Page.Locator("[data-testid=case-documents] [data-document=referral-letter] a").ClickAsync());
        ConsultationFlowTests.DocxText(await File.ReadAllBytesAsync((await download.PathAsync())!))
            .Should().Contain(caseNo).And.Contain("某食品有限公司涉嫌生产、销售不符合安全标准的食品罪").And.Contain("专案组成员：张三、李四");
        await prosecutor.ScreenshotAsync("workbench-case-referral-procuratorate");

        // An unrelated agency: no nav entry, no case, no task, no document.
        await using var outsider = await app.SignInAsync("zrzy-staff");
        await Assertions.Expect(outsider.Page.Locator("nav a[data-nav='/procuratorate']")).ToHaveCountAsync(0);
        await outsider.GotoAsync($"/cases/{id}");
        await Assertions.Expect(outsider.Page.GetByTestId("problem")).ToBeVisibleAsync();
        await outsider.GotoAsync("/cases?process=criminal-referral");
        await Assertions.Expect(outsider.Page.Locator($"[data-instance='{id}']")).ToHaveCountAsync(0);
        using var outsiderApi = await app.Server.ApiAsync("zrzy-staff");
        (await outsiderApi.Http.GetAsync($"api/cases/{id}/documents/referral-letter")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsiderApi.Http.GetAsync($"api/cases/{id}/attachments")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
