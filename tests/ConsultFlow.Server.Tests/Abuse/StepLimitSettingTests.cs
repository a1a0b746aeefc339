using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using Microsoft.AspNetCore.Hosting;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// The fan-out limit is a setting (ConsultFlow:Limits:MaxTasksPerStep): with it at 3, convening a consultation of four
/// participants (one opinion task each) is refused with a 422 and writes nothing, while one of two goes on.
/// </summary>
public sealed class StepLimitSettingTests(StepLimitSettingTests.LimitedServer server) : IClassFixture<StepLimitSettingTests.LimitedServer>
{
    private const string Category = "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题";

    [Fact]
    public async Task A_step_creating_more_tasks_than_the_setting_allows_is_refused_and_writes_nothing()
    {
        using var staff = await server.SignInAsync("scjg-staff");
        using var coordinator = await server.SignInAsync("sfj-coordinator");

        var tooMany = await ConvenableAsync(staff, coordinator, new JsonArray("zhzf", "yjgl", "sthj", "zrzy"));
        await RecordCounts.UnchangedByAsync(server.Services, async () =>
        {
            var problem = await (await coordinator.PostJsonAsync($"/api/tasks/{tooMany}/complete", Convene()))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "tasks");
            problem["errors"]!["tasks"]![0]!.GetValue<string>().Should().Contain("3");
        });

        var fewer = await ConvenableAsync(staff, coordinator, new JsonArray("zhzf", "yjgl"));
        (await coordinator.PostJsonAsync($"/api/tasks/{fewer}/complete", Convene())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>A consultation accepted with <paramref name="participants"/>; returns its convene task's id.</summary>
    private static async Task<string> ConvenableAsync(UserSession staff, UserSession coordinator, JsonArray participants)
    {
        var id = await StartAsync(staff, "consultation", new JsonObject
        {
            ["subject"] = "职责交叉事项", ["background"] = "背景。", ["mainContent"] = "内容。",
        });
        await CompleteAsync(coordinator, id, "review", "accept", new JsonObject { ["category"] = Category, ["participants"] = participants, ["format"] = "座谈会" });
        return (await InboxTaskAsync(coordinator, id, "convene"))["id"]!.GetValue<string>();
    }

    private static JsonObject Convene() => new()
    {
        ["outcome"] = "notify",
        ["data"] = new JsonObject { ["meetingDate"] = "2026-03-09T09:30:00+08:00", ["place"] = "区司法局三楼会议室", ["convener"] = "受委托的副组长（区司法局主要负责人）", ["meetingType"] = "不定期" },
    };

    /// <summary>The server on SQLite with at most three tasks per step.</summary>
    public sealed class LimitedServer : SqliteLoopbackServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConsultFlow:Limits:MaxTasksPerStep", "3");
        }
    }
}
