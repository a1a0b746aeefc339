using ConsultFlow.Server.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.Authorization;

/// <summary>
/// Every case endpoint against every relation a caller can have to a case: the agency that started it, the agency a
/// task was assigned to, an unrelated agency, the coordination office, an administrator. Not allowed means 404 (or 403
/// where the caller may see the case but not act) and absent from lists; nothing changes.
/// </summary>
public sealed class CaseAccessTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Password = "case-access-password";
    private static readonly string Definition = ReceiptProcess.Definition("access-demo", "权限演示");
    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static bool ready;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task SetUpAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (ready) return;
            var admin = factory.CreateAuthorizedClient();
            foreach (var (code, type) in new[] { ("scjg", "enforcementUnit"), ("gaj", "publicSecurity"), ("zrzy", "enforcementUnit") })
                (await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = code, en = code }, type, region = "CN" }))
                    .StatusCode.Should().Be(HttpStatusCode.Created);
            await factory.CreateUserAsync("acc-scjg", "scjg", ["staff"], Password);
            await factory.CreateUserAsync("acc-gaj", "gaj", ["staff"], Password);
            await factory.CreateUserAsync("acc-zrzy", "zrzy", ["staff", "coordinator"], Password);
            await factory.CreateUserAsync("acc-office", "sfj", ["coordinator"], Password);
            await ReceiptProcess.PublishAsync(admin, "access-demo", Definition);
            ready = true;
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private async Task<(HttpClient Starter, HttpClient Police, HttpClient Unrelated, HttpClient Office, Guid Case, Guid Task)> CaseAsync()
    {
        await SetUpAsync();
        var starter = await factory.SignInAsync("acc-scjg", Password);
        var started = await starter.PostAsync("/api/instances", Json("""{ "definitionId": "access-demo", "input": { "police": "gaj" } }"""));
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        return (starter, await factory.SignInAsync("acc-gaj", Password), await factory.SignInAsync("acc-zrzy", Password),
            await factory.SignInAsync("acc-office", Password),
            Guid.Parse(body["instanceId"]!.GetValue<string>()), Guid.Parse(body["openTaskIds"]![0]!.GetValue<string>()));
    }

    private static async Task<List<Guid>> InstanceIdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/instances?take=500"))!.Select(i => Guid.Parse(i!["instanceId"]!.GetValue<string>())).ToList();

    private static async Task<List<Guid>> TaskIdsAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/tasks?take=500{query}"))!.Select(t => Guid.Parse(t!["id"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task Parties_see_the_case_and_an_unrelated_agency_sees_nothing_of_it()
    {
        var (starter, police, unrelated, office, id, task) = await CaseAsync();

        foreach (var party in new[] { starter, police, office, factory.CreateAuthorizedClient() })
        {
            (await party.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await party.GetAsync($"/api/instances/{id}/journal")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await InstanceIdsAsync(party)).Should().Contain(id);
            (await party.GetAsync($"/api/tasks/{task}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await TaskIdsAsync(party, $"&instanceId={id}")).Should().Contain(task);
        }

        (await unrelated.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unrelated.GetAsync($"/api/instances/{id}/journal")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await InstanceIdsAsync(unrelated)).Should().NotContain(id);
        (await unrelated.GetAsync($"/api/tasks/{task}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unrelated.GetAsync($"/api/tasks?instanceId={id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await TaskIdsAsync(unrelated)).Should().NotContain(task);
        (await TaskIdsAsync(unrelated, "&agency=gaj")).Should().NotContain(task, "asking for another agency's inbox shows one's own");
        (await unrelated.PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed" }"""))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unrelated.PostAsync($"/api/instances/{id}/cancel", Json("""{ "reason": "x" }"""))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unrelated.PostAsync($"/api/instances/{id}/retry", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_assignee_agency_in_the_assignee_role_completes_a_task()
    {
        var (starter, police, _, office, id, task) = await CaseAsync();

        (await starter.PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed" }"""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await office.PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed" }"""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await police.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["status"]!.GetValue<string>().Should().Be("open");

        var done = await police.PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed" }"""));

        done.StatusCode.Should().Be(HttpStatusCode.OK);
        var journal = (await police.GetFromJsonAsync<JsonArray>($"/api/instances/{id}/journal"))!;
        var completed = journal.Single(e => e!["kind"]!.GetValue<string>() == "taskCompleted")!;
        completed["actor"]!["agency"]!.GetValue<string>().Should().Be("gaj");
        completed["actor"]!["role"]!.GetValue<string>().Should().Be("staff");
    }

    [Fact]
    public async Task The_inbox_lists_the_callers_agency_and_a_party_may_list_a_cases_tasks()
    {
        var (starter, police, _, _, id, task) = await CaseAsync();

        (await TaskIdsAsync(police)).Should().Contain(task);
        (await TaskIdsAsync(starter)).Should().NotContain(task, "the starter's inbox holds its own agency's tasks");
        (await TaskIdsAsync(starter, $"&instanceId={id}")).Should().Contain(task, "but the starter follows its case");
    }

    [Fact]
    public async Task Managing_cases_designing_workflows_and_delivering_messages_need_the_right_role()
    {
        var (starter, _, unrelatedCoordinator, office, id, _) = await CaseAsync();

        (await starter.PostAsync($"/api/instances/{id}/cancel", Json("""{ "reason": "撤回" }"""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await starter.PostAsync($"/api/instances/{id}/retry", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await office.PostAsync($"/api/instances/{id}/retry", null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "allowed, but the case is not faulted");
        (await starter.PutAsync("/api/definitions/access-demo/draft", Json(Definition))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await starter.PostAsync("/api/definitions/access-demo/versions/1/retract", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await starter.PostAsync("/api/messages", Json("""{ "messageName": "Receipt", "correlationKey": "x" }"""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await unrelatedCoordinator.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "a coordinator outside the coordination office sees only its own agency's cases");
        (await office.PostAsync($"/api/instances/{id}/cancel", Json("""{ "reason": "申请撤回" }"""))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_case_naming_an_agency_that_does_not_exist_is_refused_naming_the_input()
    {
        await SetUpAsync();
        var starter = await factory.SignInAsync("acc-scjg", Password);
        var before = (await InstanceIdsAsync(factory.CreateAuthorizedClient())).Count;

        var response = await starter.PostAsync("/api/instances", Json("""{ "definitionId": "access-demo", "input": { "police": "no-such-agency" } }"""));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["input.police"].Should().NotBeNull();
        (await InstanceIdsAsync(factory.CreateAuthorizedClient())).Should().HaveCount(before);
    }

    [Fact]
    public async Task A_query_value_that_cannot_be_read_is_a_problem_naming_the_parameter()
    {
        var response = await factory.CreateAuthorizedClient().GetAsync("/api/tasks?skip=99999999999");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["skip"].Should().NotBeNull();
    }
}
