using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.Cases.CaseServer;

namespace ConsultFlow.Server.Tests.Cases;

/// <summary>
/// POST /api/tasks/{id}/claim, /release and /reassign: only the assignee role claims, a claim is the claimant's until
/// released, reassignment stays in the agency and is for the claimant or a leader, and completion respects all of it.
/// </summary>
public sealed class TaskClaimApiTests(CaseServer server) : IClassFixture<CaseServer>
{
    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<string[]> ProblemFieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToArray();
    }

    private static Task<HttpResponseMessage> Claim(HttpClient client, Guid task) => client.PostAsync($"/api/tasks/{task}/claim", null);

    private static Task<HttpResponseMessage> Release(HttpClient client, Guid task) => client.PostAsync($"/api/tasks/{task}/release", null);

    private static Task<HttpResponseMessage> Reassign(HttpClient client, Guid task, string json) => client.PostAsync($"/api/tasks/{task}/reassign", Json(json));

    private static Task<HttpResponseMessage> Complete(HttpClient client, Guid task) =>
        client.PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed" }"""));

    [Fact]
    public async Task Only_the_assignee_role_claims_and_a_claim_held_by_someone_else_is_a_conflict()
    {
        var (id, task) = await server.StartAsync("CLAIM-001");
        var staff1 = await server.UserAsync("gaj-staff1");
        var staff2 = await server.UserAsync("gaj-staff2");

        (await Claim(await server.UserAsync("scjg-staff"), task)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the starter is not the assignee");
        (await Claim(await server.UserAsync("gaj-leader"), task)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the leader does not hold the staff role");
        (await Claim(await server.UserAsync("zrzy-staff"), task)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Claim(staff1, Guid.NewGuid())).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var claimed = await OkAsync(await Claim(staff1, task));
        claimed["claimedBy"]!.GetValue<string>().Should().Be(server.UserIds["gaj-staff1"]);
        (await OkAsync(await Claim(staff1, task)))["claimedBy"]!.GetValue<string>().Should().Be(server.UserIds["gaj-staff1"]);
        (await Claim(staff2, task)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Complete(staff2, task)).StatusCode.Should().Be(HttpStatusCode.Conflict, "the task is staff1's to finish");
        (await staff2.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["status"]!.GetValue<string>().Should().Be("open");

        var view = (await staff1.GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!;
        view["openTasks"]![0]!["claimedBy"]!.GetValue<string>().Should().Be(server.UserIds["gaj-staff1"]);
        view["openTasks"]![0]!["claimedByName"]!.GetValue<string>().Should().Be("gaj-staff1");
        view["timeline"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "taskClaimed").Should().Be(1, "claiming one's own claim again changes nothing");

        await OkAsync(await Complete(staff1, task));
        var closed = (await staff1.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!;
        closed["status"]!.GetValue<string>().Should().Be("completed");
        closed["claimedBy"]!.GetValue<string>().Should().Be(server.UserIds["gaj-staff1"], "completion keeps the claim");
        (await Claim(staff2, task)).StatusCode.Should().Be(HttpStatusCode.Conflict, "a closed task cannot be claimed");
    }

    [Fact]
    public async Task A_leader_of_the_agency_may_complete_a_task_someone_else_claimed()
    {
        var (_, task) = await server.StartAsync("CLAIM-002");
        await OkAsync(await Claim(await server.UserAsync("gaj-staff1"), task));

        var done = await OkAsync(await Complete(await server.UserAsync("gaj-lead-staff"), task));

        done["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task Reassignment_stays_in_the_agency_and_is_for_the_claimant_or_a_leader()
    {
        var (id, task) = await server.StartAsync("REASSIGN-001");
        var staff1 = await server.UserAsync("gaj-staff1");
        var staff2 = await server.UserAsync("gaj-staff2");
        var leader = await server.UserAsync("gaj-leader");
        var staff2Id = server.UserIds["gaj-staff2"];

        (await Reassign(staff1, task, $$"""{ "toUserId": "{{staff2Id}}" }""")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "staff1 has not claimed it");
        (await Reassign(await server.UserAsync("scjg-staff"), task, """{ "toRole": "leader" }""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Reassign(await server.UserAsync("zrzy-staff"), task, """{ "toRole": "leader" }""")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await OkAsync(await Claim(staff1, task));
        (await Reassign(staff2, task, """{ "toRole": "leader" }""")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "staff2 is neither claimant nor leader");

        (await ProblemFieldsAsync(await Reassign(staff1, task, """{ "toAgency": "zrzy", "toRole": "staff" }"""))).Should().Equal("toAgency");
        (await ProblemFieldsAsync(await Reassign(staff1, task, $$"""{ "toUserId": "{{server.UserIds["zrzy-staff"]}}" }"""))).Should().Equal("toUserId");
        (await ProblemFieldsAsync(await Reassign(staff1, task, $$"""{ "toUserId": "{{server.UserIds["gaj-leader"]}}" }""")))
            .Should().Equal(["toUserId"], "the leader does not hold the task's role");
        (await ProblemFieldsAsync(await Reassign(staff1, task, $$"""{ "toUserId": "{{Guid.NewGuid()}}" }"""))).Should().Equal("toUserId");
        (await ProblemFieldsAsync(await Reassign(staff1, task, """{ "toUserId": "not-a-user" }"""))).Should().Equal("toUserId");
        (await ProblemFieldsAsync(await Reassign(staff1, task, """{ "toRole": "chief" }"""))).Should().Equal("toRole");
        (await ProblemFieldsAsync(await Reassign(staff1, task, """{ "comment": "转" }"""))).Should().BeEquivalentTo("toRole", "toUserId");
        (await Reassign(staff1, task, "{ not json")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await staff1.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["claimedBy"]!.GetValue<string>()
            .Should().Be(server.UserIds["gaj-staff1"], "refused reassignments change nothing");

        var handed = await OkAsync(await Reassign(staff1, task, $$"""{ "toUserId": "{{staff2Id}}", "toAgency": "gaj", "comment": "请staff2办理" }"""));
        handed["claimedBy"]!.GetValue<string>().Should().Be(staff2Id);
        handed["assigneeRole"]!.GetValue<string>().Should().Be("staff");
        (await Complete(staff1, task)).StatusCode.Should().Be(HttpStatusCode.Conflict, "staff1 handed it on");

        // The leader moves it to the leaders: the staff may no longer complete it, the leader may.
        var moved = await OkAsync(await Reassign(leader, task, """{ "toRole": "leader", "comment": "须领导决定" }"""));
        moved["assigneeRole"]!.GetValue<string>().Should().Be("leader");
        moved["claimedBy"].Should().BeNull();
        (await Complete(staff2, task)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await staff2.GetFromJsonAsync<JsonArray>("/api/tasks?status=open&role=staff"))!
            .Select(t => t!["id"]!.GetValue<string>()).Should().NotContain(task.ToString());
        (await leader.GetFromJsonAsync<JsonArray>("/api/tasks?status=open&role=leader"))!
            .Select(t => t!["id"]!.GetValue<string>()).Should().Contain(task.ToString());
        await OkAsync(await Complete(leader, task));

        var view = (await leader.GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!;
        var closed = view["closedTasks"]![0]!;
        closed["assigneeRole"]!.GetValue<string>().Should().Be("leader");
        closed["closedBy"]!["role"]!.GetValue<string>().Should().Be("leader");
        var reassigned = view["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "taskReassigned").ToList();
        reassigned.Should().HaveCount(2);
        reassigned[0]!["data"]!["toUserId"]!.GetValue<string>().Should().Be(staff2Id);
        reassigned[0]!["data"]!["comment"]!.GetValue<string>().Should().Be("请staff2办理");
        reassigned[1]!["actor"]!["userId"]!.GetValue<string>().Should().Be(server.UserIds["gaj-leader"]);
        reassigned[1]!["data"]!["toRole"]!.GetValue<string>().Should().Be("leader");
    }

    [Fact]
    public async Task A_claim_is_released_by_its_claimant_or_a_leader_only()
    {
        var (_, task) = await server.StartAsync("RELEASE-001");
        var staff1 = await server.UserAsync("gaj-staff1");
        var staff2 = await server.UserAsync("gaj-staff2");
        var leader = await server.UserAsync("gaj-leader");

        (await Release(leader, task)).StatusCode.Should().Be(HttpStatusCode.Conflict, "nobody holds it");
        await OkAsync(await Claim(staff1, task));
        (await Release(staff2, task)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await OkAsync(await Release(leader, task)))["claimedBy"].Should().BeNull();

        (await OkAsync(await Claim(staff2, task)))["claimedBy"]!.GetValue<string>().Should().Be(server.UserIds["gaj-staff2"]);
        (await Release(staff1, task)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "staff1 no longer holds it");
        (await OkAsync(await Release(staff2, task)))["claimedBy"].Should().BeNull();
        await OkAsync(await Complete(staff1, task));
    }
}
