using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Scheduling.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Scheduling.Tests.Notifications;

/// <summary>
/// E-mail sent as a Hangfire job: with the mail server down, the failed attempt is kept on the delivery (attempts, the
/// server's answer) and shown to the coordination office, Hangfire schedules the retry, and once the server is back an
/// administrator's retry gets the mail out exactly once.
/// </summary>
public sealed class DeliveryRetryTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-delivery-").FullName;
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly SmtpSink smtp = new() { Refusing = true };
    private SchedulingServer server = null!;
    private readonly Dictionary<string, string> ids = [];

    public async Task InitializeAsync()
    {
        server = new SchedulingServer(clock, "Sqlite", SchedulingServer.SqliteFile(folder), smtp.Port);
        await server.CreateAgencyAsync("scjg", "市场监管局", "enforcementUnit");
        foreach (var (user, agency, role) in new[] { ("scjg-leader", "scjg", "leader"), ("scjg-staff", "scjg", "staff"), ("sfj-coordinator", "sfj", "coordinator") })
            ids[user] = await server.UserAsync(user, agency, role, $"{user}@consultflow.test");
    }

    [Fact]
    public async Task A_send_that_fails_is_retried_visible_to_the_office_and_sent_once_when_the_server_is_back()
    {
        await server.Runtime.StartAsync(new StartWorkflow("criminal-referral", (JsonObject)JsonNode.Parse("""
            {
              "agency": "scjg", "caseNo": "市监刑移〔2026〕9号", "caseName": "某案", "suspect": "某公司", "suspectedCrime": "某罪",
              "thresholdFacts": "金额", "evidenceSummary": "笔录", "itemList": "无", "testingReport": "无", "penaltyAlreadyImposed": false
            }
            """)!), new Actor(ids["scjg-staff"], "scjg", "staff"));

        var office = await server.SignInAsync("sfj-coordinator", SchedulingServer.Password);
        var failed = await Eventually.WaitAsync(() => office.GetFromJsonAsync<JsonArray>("/api/notification-deliveries")!,
            list => list!.Count > 0, "the failed delivery shown to the office");
        var delivery = failed!.Single()!;
        delivery["channel"]!.GetValue<string>().Should().Be("smtp");
        delivery["userId"]!.GetValue<string>().Should().Be(ids["scjg-leader"]);
        delivery["attempts"]!.GetValue<int>().Should().Be(1);
        delivery["status"]!.GetValue<string>().Should().Be("Pending", "it waits for its retry");
        delivery["lastError"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        delivery["title"]!.GetValue<string>().Should().StartWith("新任务");
        smtp.Received.Should().BeEmpty();

        // Hangfire holds the retry (with backoff), not the code: the job is scheduled again.
        var monitoring = server.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.WaitAsync(() => Task.FromResult(monitoring.ScheduledCount()), n => n > 0, "the retry scheduled by Hangfire");

        var staff = await server.SignInAsync("scjg-staff", SchedulingServer.Password);
        (await staff.GetAsync("/api/notification-deliveries")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var id = delivery["id"]!.GetValue<string>();
        (await office.PostAsync($"/api/notification-deliveries/{id}/retry", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden,
            "coordinators see deliveries, administrators send them again");
        (await office.GetAsync("/api/notification-deliveries?status=lost")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        smtp.Refusing = false;
        var admin = server.CreateAuthorizedClient();
        (await admin.PostAsync($"/api/notification-deliveries/{id}/retry", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.WaitAsync(() => Task.FromResult(smtp.Received.ToList()), mails => mails.Count > 0, "the mail once the server is back");
        var sent = await Eventually.WaitAsync(() => office.GetFromJsonAsync<JsonArray>("/api/notification-deliveries?status=sent")!,
            list => list!.Count == 1, "the delivery marked sent");
        sent!.Single()!["sentAt"].Should().NotBeNull();
        (await office.GetFromJsonAsync<JsonArray>("/api/notification-deliveries"))!.Should().BeEmpty("nothing needs attention any more");
        smtp.Received.Should().ContainSingle().Which.To.Should().Equal("scjg-leader@consultflow.test");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
