using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static ConsultFlow.Web.Tests.Workbench.WorkbenchSteps;

namespace ConsultFlow.Web.Tests.Workbench;

/// <summary>
/// The statistics dashboard (SVG charts, filters, CSV export), the case page on a tablet and in English, the home
/// page and notifications of each role.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DashboardTests(WebApp app)
{
    private static async Task<Guid> StartAssistanceRequestAsync(ApiSession user, string caseNumber)
    {
        var started = await user.PostJsonAsync("/api/instances", new JsonObject
        {
            ["definitionId"] = "assistance-request",
            ["input"] = new JsonObject
            {
                ["requestingAgency"] = "scjg", ["targetAgency"] = "zrzy", ["caseNumber"] = caseNumber, ["caseCause"] = "涉嫌无证采矿",
                ["party"] = "某建材有限公司", ["requestCategory"] = "证明事实所需证据", ["requestedItems"] = "采矿许可证核发记录。",
                ["legalBasis"] = "《中华人民共和国行政处罚法》第二十六条", ["contactName"] = "赵敏", ["contactPhone"] = "0952-2010000",
            },
        });
        return Guid.Parse(started!["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_dashboard_draws_the_figures_filters_them_and_exports_them_as_csv()
    {
        using (var staff = await app.Server.ApiAsync("scjg-staff"))
            await StartAssistanceRequestAsync(staff, $"SCJG-XC-{Guid.NewGuid():N}"[..16]);

        await using var coordinator = await app.SignInAsync("sfj-coordinator");
        await coordinator.GotoAsync("/statistics");
        var byProcess = coordinator.Page.GetByTestId("chart-by-process");
        await Assertions.Expect(byProcess.Locator("[data-row=assistance-request]")).ToBeVisibleAsync();
        foreach (var chart in new[] { "chart-overdue", "chart-referrals", "chart-consultations", "chart-by-agency" })
            await Assertions.Expect(coordinator.Page.GetByTestId(chart)).ToBeVisibleAsync();
        var report = await (await app.Server.ApiAsync("sfj-coordinator")).GetJsonAsync("/api/statistics");
        await Assertions.Expect(coordinator.Page.GetByTestId("kpi-total")).ToContainTextAsync(report["totalCases"]!.GetValue<int>().ToString());
        await coordinator.ScreenshotAsync("workbench-statistics");

        // The agency filter: the 自然资源局 is party to the assistance requests (asked) but started no referral.
        await coordinator.Page.Locator("select[name=agency]").SelectOptionAsync("zrzy");
        await Assertions.Expect(byProcess.Locator("[data-row=assistance-request]")).ToBeVisibleAsync();
        await Assertions.Expect(byProcess.Locator("[data-row=consultation]")).ToHaveCountAsync(0);
        var download = await coordinator.Page.RunAndWaitForDownloadAsync(() => coordinator.Page.GetByTestId("export-csv").ClickAsync());
        download.SuggestedFilename.Should().StartWith("统计-").And.EndWith(".csv");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        csv.Should().StartWith("类别,项目,代码,数值\r\n").And.Contain("统计范围,单位,agency,大武口区自然资源局").And.Contain("按流程,协查函（执法协助）,assistance-request,");

        // On a tablet the dashboard folds to one column and still fits the width.
        await using (var tablet = await app.SignInAsync("sfj-coordinator", viewport: new() { Width = 768, Height = 1024 }))
        {
            await tablet.GotoAsync("/statistics");
            await Assertions.Expect(tablet.Page.GetByTestId("chart-by-process")).ToBeVisibleAsync();
            await ShouldFitTheWidthAsync(tablet);
            await tablet.ScreenshotAsync("workbench-tablet-statistics");
        }

        // A period with nothing in it.
        await coordinator.Page.Locator("input[name=from]").FillAsync("2020-01-01");
        await coordinator.Page.Locator("input[name=to]").FillAsync("2020-01-31");
        await Assertions.Expect(coordinator.Page.GetByTestId("kpi-total")).ToContainTextAsync("0");
    }

    [Fact]
    public async Task Each_role_has_its_main_page_and_the_case_page_works_on_a_tablet_and_in_english()
    {
        Guid id;
        using (var staff = await app.Server.ApiAsync("scjg-staff"))
            id = await StartAssistanceRequestAsync(staff, $"SCJG-XC-{Guid.NewGuid():N}"[..16]);

        await using var agency = await app.SignInAsync("scjg-staff");
        await agency.GotoAsync("/");
        await Assertions.Expect(agency.Page.GetByTestId("home-page")).ToBeVisibleAsync();
        await Assertions.Expect(agency.Page.Locator("a[data-process=criminal-referral]")).ToBeVisibleAsync();
        await agency.ScreenshotAsync("workbench-agency-home");
        await agency.GotoAsync("/notifications");
        await Assertions.Expect(agency.Page.GetByTestId("notifications-page")).ToBeVisibleAsync();
        await Assertions.Expect(agency.Page.GetByTestId("problem")).ToHaveCountAsync(0);

        // The asked agency on a tablet, in English: its inbox and the case page fit the width.
        await using var tablet = await app.SignInAsync("zrzy-contact", viewport: new() { Width = 768, Height = 1024 }, language: "en");
        await tablet.GotoAsync("/tasks");
        await Assertions.Expect(tablet.Page.Locator("h1")).ToHaveTextAsync("My tasks");
        await Assertions.Expect(tablet.Page.Locator($"[data-testid=task-row][data-instance='{id}']")).ToBeVisibleAsync();
        await ShouldFitTheWidthAsync(tablet);
        await tablet.ScreenshotAsync("workbench-tablet-tasks-en");
        await tablet.GotoAsync($"/cases/{id}");
        await Assertions.Expect(tablet.Page.GetByTestId("case-title")).ToHaveTextAsync("Assistance request");
        await Assertions.Expect(tablet.Page.Locator("[data-testid=case-documents] [data-document=assistance-letter] a")).ToBeVisibleAsync();
        await ShouldFitTheWidthAsync(tablet);
        await tablet.ScreenshotAsync("workbench-tablet-case-en");

        await using var prosecutor = await app.SignInAsync("jcy-staff");
        await prosecutor.GotoAsync("/");
        await Assertions.Expect(prosecutor.Page.Locator("nav a[data-nav='/procuratorate']")).ToBeVisibleAsync();
        await Assertions.Expect(prosecutor.Page.Locator("nav a[data-nav='/start']")).ToHaveCountAsync(0);
    }
}
