using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.Cases.CaseServer;

namespace ConsultFlow.Server.Tests.Cases;

/// <summary>GET /api/cases/{id}: summary, participants, open tasks and deadlines whose lights change as the clock moves, closed tasks, timeline.</summary>
public sealed class CaseViewTests(CaseServer server) : IClassFixture<CaseServer>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static async Task<JsonObject> ViewAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/cases/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string Light(JsonNode? node) => node!["trafficLight"]!.GetValue<string>();

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>());

    [Fact]
    public async Task A_case_shows_its_parties_tasks_and_deadlines_and_the_lights_follow_the_clock()
    {
        var (id, task) = await server.StartAsync("VIEW-001");
        var starter = await server.UserAsync("scjg-staff");

        var view = await ViewAsync(starter, id);

        var summary = view["summary"]!;
        summary["instanceId"]!.GetValue<string>().Should().Be(id.ToString());
        summary["processName"]!.GetValue<string>().Should().Be("案件演示");
        summary["status"]!.GetValue<string>().Should().Be("suspended");
        summary["correlationKey"]!.GetValue<string>().Should().Be("VIEW-001");
        summary["openTaskCount"]!.GetValue<int>().Should().Be(1);
        Light(summary).Should().Be("green");
        view["startedBy"]!["userId"]!.GetValue<string>().Should().Be(server.UserIds["scjg-staff"]);

        var participants = view["participants"]!.AsArray();
        participants.Select(p => p!["agency"]!.GetValue<string>()).Should().Equal("scjg", "gaj");
        participants.Select(p => p!["name"]!.GetValue<string>()).Should().Equal("市场监管局", "公安分局");
        participants[0]!["relations"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("starter");
        participants[1]!["relations"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("assignee");

        var open = view["openTasks"]!.AsArray().Should().ContainSingle().Subject!;
        open["id"]!.GetValue<string>().Should().Be(task.ToString());
        open["title"]!["zh"]!.GetValue<string>().Should().Be("签收回执");
        open["assigneeAgency"]!.GetValue<string>().Should().Be("gaj");
        open["assigneeAgencyName"]!.GetValue<string>().Should().Be("公安分局");
        open["assigneeRole"]!.GetValue<string>().Should().Be("staff");
        // Monday 09:00 + 3 working days: 24:00 on Thursday.
        Time(open["dueAt"]).Should().Be(new DateTimeOffset(2026, 3, 6, 0, 0, 0, Beijing));
        open["legalBasis"]!.GetValue<string>().Should().Be("测试依据 第一条");
        open["calendarVersion"]!.GetValue<string>().Should().StartWith("cn-2026");
        Light(open).Should().Be("green");

        var deadlines = view["deadlines"]!.AsArray();
        deadlines.Select(d => d!["source"]!.GetValue<string>()).Should().Equal("task", "timer");
        var timer = deadlines[1]!;
        timer["title"]!["zh"]!.GetValue<string>().Should().Be("立案审查期限");
        timer["legalBasis"]!.GetValue<string>().Should().Be("计时依据 第二条");
        timer["calendarVersion"]!.GetValue<string>().Should().StartWith("cn-2026");
        Time(timer["dueAt"]).Should().BeAfter(new DateTimeOffset(2026, 3, 12, 0, 0, 0, Beijing));
        Light(timer).Should().Be("green");
        view["closedTasks"]!.AsArray().Should().BeEmpty();

        var timeline = view["timeline"]!.AsArray();
        timeline[0]!["kind"]!.GetValue<string>().Should().Be("instanceStarted");
        timeline.Select(e => e!["sequence"]!.GetValue<long>()).Should().BeInAscendingOrder();
        timeline.Should().Contain(e => e!["kind"]!.GetValue<string>() == "taskAssigned");

        // Thursday noon: 12 of the period's 87 hours are left, under the default yellow share of a quarter.
        server.Time.Set(new DateTimeOffset(2026, 3, 5, 12, 0, 0, Beijing));
        starter = await server.UserAsync("scjg-staff");
        view = await ViewAsync(starter, id);
        Light(view["summary"]).Should().Be("yellow");
        Light(view["openTasks"]![0]).Should().Be("yellow");
        Light(view["deadlines"]![0]).Should().Be("yellow");
        Light(view["deadlines"]![1]).Should().Be("green");
        var listed = (await starter.GetFromJsonAsync<JsonObject>("/api/cases?text=VIEW-001"))!;
        Light(listed["items"]![0]).Should().Be("yellow");

        server.Time.Set(new DateTimeOffset(2026, 3, 6, 8, 0, 0, Beijing));
        starter = await server.UserAsync("scjg-staff");
        view = await ViewAsync(starter, id);
        Light(view["summary"]).Should().Be("red");
        Light(view["openTasks"]![0]).Should().Be("red");

        var police = await server.UserAsync("gaj-staff1");
        (await police.PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed", "comment": "已签收" }"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        view = await ViewAsync(starter, id);
        view["summary"]!["status"]!.GetValue<string>().Should().Be("completed");
        view["summary"]!["openTaskCount"]!.GetValue<int>().Should().Be(0);
        view["summary"]!["trafficLight"].Should().BeNull();
        view["openTasks"]!.AsArray().Should().BeEmpty();
        view["deadlines"]!.AsArray().Should().BeEmpty("the statutory timer was cancelled when the receipt came");
        var closed = view["closedTasks"]!.AsArray().Should().ContainSingle().Subject!;
        closed["status"]!.GetValue<string>().Should().Be("completed");
        closed["outcome"]!.GetValue<string>().Should().Be("signed");
        closed["comment"]!.GetValue<string>().Should().Be("已签收");
        closed["closedBy"]!["userId"]!.GetValue<string>().Should().Be(server.UserIds["gaj-staff1"]);
        closed["closedBy"]!["agency"]!.GetValue<string>().Should().Be("gaj");
        closed["closedByName"]!.GetValue<string>().Should().Be("gaj-staff1");
        closed["late"]!.GetValue<bool>().Should().BeTrue();
        view["timeline"]!.AsArray().Last()!["kind"]!.GetValue<string>().Should().Be("instanceCompleted");
    }

    [Fact]
    public async Task The_office_sees_every_case_and_an_unrelated_agency_none()
    {
        var (id, _) = await server.StartAsync("VIEW-002");

        (await ViewAsync(await server.UserAsync("sfj-coordinator"), id))["summary"]!["correlationKey"]!.GetValue<string>().Should().Be("VIEW-002");
        (await ViewAsync(await server.UserAsync("gaj-staff2"), id))["participants"]!.AsArray().Should().HaveCount(2);
        var unrelated = await server.UserAsync("zrzy-staff");
        var refused = await unrelated.GetAsync($"/api/cases/{id}");
        refused.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).Should().NotContain("VIEW-002");
        (await server.CreateClient().GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await server.CreateClient().GetAsync("/api/cases")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
