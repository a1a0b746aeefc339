using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Scheduling.Tests.Infrastructure;

namespace ConsultFlow.Scheduling.Tests.Timers;

/// <summary>
/// The shipped task decomposition (任务分解表) with a yearly report ("每年1月15日前"): the scheduler fires its yearly
/// Timer at the end of each 15 January, which starts the next year's report, and a missed year turns red for the
/// coordination office and the unit's leader.
/// </summary>
public sealed class YearlyTaskTests : IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-yearly-").FullName;

    [Fact]
    public async Task A_yearly_report_recurs_after_each_15_January_and_a_missed_year_alerts_the_office()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Beijing));
        await using var server = new SchedulingServer(clock, "Sqlite", SchedulingServer.SqliteFile(folder));
        var contact = await server.UserAsync("sfj-contact", "sfj", "contact");
        await server.UserAsync("sfj-coordinator", "sfj", "coordinator");
        await server.UserAsync("sfj-leader", "sfj", "leader");
        var runtime = server.Runtime;
        var started = await runtime.StartAsync(new StartWorkflow("task-decomposition", (JsonObject)JsonNode.Parse("""
            { "tasks": [{ "seq": 1, "task": "报送年度执法工作报告", "measures": "每年1月15日前报送上一年度报告。", "responsibleUnits": ["sfj"], "yearlyDue": "01-15" }],
              "endYear": 2028 }
            """)!), Actor.System);
        var first = (await OpenAsync(server, started.InstanceId)).Should().ContainSingle().Subject;
        await runtime.CompleteTaskAsync(first.Id, new TaskCompletion("report", (JsonObject)JsonNode.Parse("""{"completion": "2026年度报告已报送。"}""")!),
            new Actor(contact, "sfj", "contact"));

        clock.Set(new DateTimeOffset(2027, 1, 15, 23, 0, 0, Beijing));
        await Task.Delay(2000);
        (await OpenAsync(server, started.InstanceId)).Should().BeEmpty("the next year starts after 24:00 on 15 January");

        clock.Set(new DateTimeOffset(2027, 1, 16, 0, 0, 5, Beijing));
        var second = (await Eventually.WaitAsync(() => OpenAsync(server, started.InstanceId), t => t.Count > 0, "the 2027 report task"))
            .Should().ContainSingle().Subject;
        second.ActivityId.Should().Be("completionReport");
        second.AssigneeAgency.Should().Be("sfj");
        (await server.JournalAsync(started.InstanceId)).Should().NotContain(e => e.Kind == JournalKind.AlertRaised || e.Kind == JournalKind.TimerFiredLate);

        // 2027's report is never sent: at the end of 15 January 2028 the office and the unit's leader see red.
        clock.Set(new DateTimeOffset(2028, 1, 16, 0, 0, 5, Beijing));
        foreach (var user in new[] { "sfj-coordinator", "sfj-leader" })
        {
            var list = await Eventually.WaitAsync(() => server.NotificationsAsync(user), n => n.Any(x => x!["kind"]!.GetValue<string>() == "escalation"), $"{user}'s red alert");
            list.Single(x => x!["kind"]!.GetValue<string>() == "escalation")!["title"]!.GetValue<string>()
                .Should().StartWith("红灯预警：【红灯】任务分解表第1项“报送年度执法工作报告”已过完成时限（每年01-15前）");
        }
        (await server.NotificationsAsync("sfj-contact")).Should().NotContain(x => x!["kind"]!.GetValue<string>() == "escalation");
        (await runtime.Store.GetTaskAsync(second.Id))!.Status.Should().Be(HumanTaskStatus.Open, "a late report stays open until it is sent");
    }

    private static async Task<IReadOnlyList<Engine.Tasks.HumanTask>> OpenAsync(SchedulingServer server, Guid instanceId) =>
        await server.Runtime.Store.ListTasksAsync(new TaskQuery { InstanceId = instanceId, Status = HumanTaskStatus.Open });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
