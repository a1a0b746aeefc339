using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Scheduling.Tests.Infrastructure;
using ConsultFlow.Server.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Scheduling.Tests.Notifications;

/// <summary>
/// A criminal referral (两法衔接) whose head does not decide within 3 days (国务院令第310号 第五条): yellow before, then
/// the red alert the process names — the agency's leader and legal office, the coordination office, the enforcement
/// supervisor and the procuratorate — in the app and by e-mail through SMTP, and to no one else.
/// </summary>
public sealed class ReferralAlertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-referral-").FullName;
    private readonly ManualClock clock = new(Monday);
    private readonly SmtpSink smtp = new();
    private SchedulingServer server = null!;
    private readonly Dictionary<string, string> ids = [];

    public async Task InitializeAsync()
    {
        server = new SchedulingServer(clock, "Sqlite", SchedulingServer.SqliteFile(folder), smtp.Port);
        await server.CreateAgencyAsync("scjg", "市场监管局", "enforcementUnit");
        await server.CreateAgencyAsync("jcy", "检察院", "procuratorate");
        await server.CreateAgencyAsync("gaj", "公安分局", "publicSecurity");
        foreach (var (user, agency, role) in new[]
        {
            ("scjg-leader", "scjg", "leader"), ("scjg-legal", "scjg", "legal"), ("scjg-staff", "scjg", "staff"),
            ("sfj-coordinator", "sfj", "coordinator"), ("sfj-leader", "sfj", "leader"), ("jcy-staff", "jcy", "staff"), ("gaj-staff", "gaj", "staff"),
        })
            ids[user] = await server.UserAsync(user, agency, role, $"{user}@consultflow.test");
    }

    [Fact]
    public async Task An_overdue_head_decision_alerts_exactly_the_named_people_in_the_app_and_by_mail()
    {
        var runtime = server.Runtime;
        var staff = new Actor(ids["scjg-staff"], "scjg", "staff");
        var leader = new Actor(ids["scjg-leader"], "scjg", "leader");
        var started = await runtime.StartAsync(new StartWorkflow("criminal-referral", (JsonObject)JsonNode.Parse("""
            {
              "agency": "scjg", "caseNo": "市监刑移〔2026〕7号", "caseName": "某公司销售伪劣产品案", "suspect": "某食品有限公司",
              "suspectedCrime": "生产、销售伪劣产品罪", "thresholdFacts": "销售金额52万元", "evidenceSummary": "现场检查笔录、销售台账",
              "itemList": "伪劣食品1200箱", "testingReport": "检验报告〔2026〕18号", "penaltyAlreadyImposed": false
            }
            """)!), staff);
        var instanceId = started.InstanceId;
        await runtime.CompleteTaskAsync(await OpenTaskAsync(instanceId, "appointTeam"), new TaskCompletion("appointed",
            (JsonObject)JsonNode.Parse("""{"teamMembers": "张三、李四"}""")!, null), leader);
        await runtime.CompleteTaskAsync(await OpenTaskAsync(instanceId, "teamReport"), new TaskCompletion("submitted",
            (JsonObject)JsonNode.Parse("""{"verification": "经核实，销售金额52万元", "report": "att-report"}""")!, null), staff);
        var headDecision = await OpenTaskAsync(instanceId, "headDecision");
        var task = (await runtime.Store.GetTaskAsync(headDecision))!;
        task.LegalBasis.Should().Be("国务院令第310号 第五条", "the due time comes from the profile's rule referral.headDecision");
        var due = task.DueAt!.Value;

        await Eventually.WaitAsync(() => server.NotificationsAsync("scjg-leader"),
            n => n.Any(x => Kind(x) == "taskAssigned" && x!["taskId"]!.GetValue<string>() == headDecision.ToString()), "the head's new task");

        // Three quarters into the period: yellow to the assignee (the head is the agency's leader).
        clock.Set(task.CreatedAt + (due - task.CreatedAt) * 0.8);
        var yellow = await Eventually.WaitAsync(() => server.NotificationsAsync("scjg-leader"), n => n.Any(x => Kind(x) == "deadlineYellow"), "yellow");
        yellow.Single(x => Kind(x) == "deadlineYellow")!["title"]!.GetValue<string>().Should().StartWith("黄灯提醒：审批是否移送涉嫌犯罪案件");
        (await server.Runtime.Store.GetJournalAsync(instanceId)).Should().NotContain(e => e.Kind == JournalKind.AlertRaised, "not due yet");

        clock.Set(due.AddMinutes(1));
        var named = new[] { "scjg-leader", "scjg-legal", "sfj-coordinator", "sfj-leader", "jcy-staff" };
        foreach (var user in named)
        {
            var list = await Eventually.WaitAsync(() => server.NotificationsAsync(user), n => n.Any(x => Kind(x) == "escalation"), $"{user}'s red alert");
            var alert = list.Single(x => Kind(x) == "escalation")!;
            alert["title"]!.GetValue<string>().Should().StartWith("红灯预警：审批是否移送涉嫌犯罪案件").And.Contain("负责人逾期未作出是否批准移送");
            alert["body"]!.GetValue<string>().Should().Contain("国务院令第310号 第五条");
            alert["caseId"]!.GetValue<string>().Should().Be(instanceId.ToString());
            alert["taskId"]!.GetValue<string>().Should().Be(headDecision.ToString());
            alert["readAt"].Should().BeNull();
        }
        var red = await Eventually.WaitAsync(() => server.NotificationsAsync("scjg-leader"), n => n.Any(x => Kind(x) == "deadlineRed"), "the assignee's red light");
        red.Single(x => Kind(x) == "deadlineRed")!["title"]!.GetValue<string>().Should().StartWith("红灯预警：审批是否移送涉嫌犯罪案件").And.EndWith("已逾期");
        foreach (var user in new[] { "scjg-staff", "gaj-staff" })
            (await server.NotificationsAsync(user)).Should().NotContain(x => Kind(x) == "escalation" || Kind(x) == "deadlineRed", $"{user} is not named");
        (await runtime.Store.GetTaskAsync(headDecision))!.Status.Should().Be(HumanTaskStatus.Open, "an overdue decision is never approved by itself");

        // The same alerts by e-mail, once each, to the named people only.
        var mails = await Eventually.WaitAsync(() => Task.FromResult(smtp.Received.Where(m => m.Subject.StartsWith("红灯预警", StringComparison.Ordinal)).ToList()),
            m => m.Count >= named.Length + 1, "the red mails");
        await Task.Delay(1000);
        var escalationMails = smtp.Received.Where(m => m.Subject.Contains("负责人逾期未作出", StringComparison.Ordinal)).ToList();
        escalationMails.SelectMany(m => m.To).Should().BeEquivalentTo(named.Select(u => $"{u}@consultflow.test"),
            "the mails were: " + string.Join(" | ", smtp.Received.Select(m => m.Subject + " → " + string.Join(",", m.To))));
        escalationMails.Should().OnlyContain(m => m.From == "alerts@consultflow.test" && m.Data.Contains("X-ConsultFlow-Kind: escalation"));
        smtp.Received.SelectMany(m => m.To).Should().NotContain("gaj-staff@consultflow.test");

        // Reading the journal again (another node, a restart) tells no one twice.
        (await server.Services.GetRequiredService<JournalNotifications>().CatchUpAsync(CancellationToken.None)).Should().Be(0);
        (await server.NotificationsAsync("jcy-staff")).Count(x => Kind(x) == "escalation").Should().Be(1);

        // A day later the head and its leaders are reminded.
        clock.Set(due.AddHours(24).AddMinutes(2));
        await Eventually.WaitAsync(() => server.NotificationsAsync("scjg-leader"), n => n.Any(x => Kind(x) == "reminder"), "the first reminder");
    }

    [Fact]
    public async Task The_notification_api_lists_counts_and_marks_only_the_users_own()
    {
        var runtime = server.Runtime;
        var started = await runtime.StartAsync(new StartWorkflow("criminal-referral", (JsonObject)JsonNode.Parse("""
            {
              "agency": "scjg", "caseNo": "市监刑移〔2026〕8号", "caseName": "某案", "suspect": "某公司", "suspectedCrime": "某罪",
              "thresholdFacts": "金额", "evidenceSummary": "笔录", "itemList": "无", "testingReport": "无", "penaltyAlreadyImposed": false
            }
            """)!), new Actor(ids["scjg-staff"], "scjg", "staff"));
        var appoint = await OpenTaskAsync(started.InstanceId, "appointTeam");
        var leader = await server.SignInAsync("scjg-leader", SchedulingServer.Password);
        var mine = await Eventually.WaitAsync(() => leader.GetFromJsonAsync<JsonArray>("/api/notifications?unreadOnly=true&limit=50")!,
            n => n!.Count > 0, "the leader's task notification");
        var assigned = mine!.Single()!;
        Kind(assigned).Should().Be("taskAssigned");
        assigned["title"]!.GetValue<string>().Should().Be("新任务：立即指定专案组：某案（市监刑移〔2026〕8号）");
        assigned["taskId"]!.GetValue<string>().Should().Be(appoint.ToString());
        (await leader.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count"))!["count"]!.GetValue<int>().Should().Be(1);

        var other = await server.SignInAsync("gaj-staff", SchedulingServer.Password);
        (await other.GetFromJsonAsync<JsonArray>("/api/notifications"))!.Should().BeEmpty();
        (await other.PostAsync($"/api/notifications/{assigned["id"]}/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bad = await leader.GetAsync("/api/notifications?limit=0");
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("limit");
        (await leader.GetAsync("/api/notifications?unreadOnly=perhaps")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await server.CreateClient().GetAsync("/api/notifications")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var read = await leader.PostAsync($"/api/notifications/{assigned["id"]}/read", null);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<JsonObject>())!["readAt"].Should().NotBeNull();
        (await leader.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count"))!["count"]!.GetValue<int>().Should().Be(0);
        (await leader.GetFromJsonAsync<JsonArray>("/api/notifications?unreadOnly=true"))!.Should().BeEmpty();
        (await leader.GetFromJsonAsync<JsonArray>("/api/notifications"))!.Should().HaveCount(1);

        var staff = await server.SignInAsync("scjg-staff", SchedulingServer.Password);
        await runtime.CompleteTaskAsync(appoint, new TaskCompletion("appointed", (JsonObject)JsonNode.Parse("""{"teamMembers": "张三、李四"}""")!, null),
            new Actor(ids["scjg-leader"], "scjg", "leader"));
        await Eventually.WaitAsync(() => staff.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count")!, c => c!["count"]!.GetValue<int>() == 1, "the staff's task");
        var all = await staff.PostAsync("/api/notifications/read-all", null);
        (await all.Content.ReadFromJsonAsync<JsonObject>())!["marked"]!.GetValue<int>().Should().Be(1);
        (await staff.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count"))!["count"]!.GetValue<int>().Should().Be(0);
    }

    private async Task<Guid> OpenTaskAsync(Guid instanceId, string activityId) =>
        (await server.Runtime.Store.ListTasksAsync(new TaskQuery { InstanceId = instanceId, Status = HumanTaskStatus.Open }))
        .Single(t => t.ActivityId == activityId).Id;

    private static string Kind(JsonNode? notification) => notification!["kind"]!.GetValue<string>();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
