using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using ConsultFlow.Server.Tests.EndToEnd.Processes;
using ConsultFlow.Server.Tests.Infrastructure;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// Input that used to end in a 500: dates at the edges of the calendar, duplicate keys, a draft without a name, a
/// sign-in name with a non-character, a NUL in a reason. Each is a 4xx problem in Chinese (English when asked for),
/// never an internal type name, and writes nothing.
/// </summary>
public abstract class InputAbuseTests(LoopbackServer server) : IAsyncLifetime
{
    private UserSession staff = null!;
    private UserSession coordinator = null!;

    public async Task InitializeAsync()
    {
        staff = await server.SignInAsync("scjg-staff");
        coordinator = await server.SignInAsync("sfj-coordinator");
    }

    public Task DisposeAsync()
    {
        staff.Dispose();
        coordinator.Dispose();
        return Task.CompletedTask;
    }

    private Task Unchanged(Func<Task> refused) => RecordCounts.UnchangedByAsync(server.Services, refused);

    [Theory]
    [InlineData("/api/statistics?from=0001-01-01", "from")]
    [InlineData("/api/statistics?to=9999-12-31", "to")]
    [InlineData("/api/statistics/export.csv?to=9999-12-31", "to")]
    [InlineData("/api/statistics?from=0001-01-01T00:00:00", "from")]
    [InlineData("/api/cases?createdTo=9999-12-31", "createdTo")]
    [InlineData("/api/cases?createdFrom=0001-01-01T00:00:00Z", "createdFrom")]
    public async Task Dates_at_the_edges_of_the_calendar_are_a_422_naming_the_parameter(string path, string parameter)
    {
        var problem = await (await coordinator.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, parameter);
        problem["errors"]![parameter]![0]!.GetValue<string>().Should().Contain("2000-01-01");
    }

    [Fact]
    public Task Duplicate_keys_are_refused_in_start_inputs_and_task_data() => Unchanged(async () =>
    {
        var problem = await (await staff.PostRawAsync("/api/instances",
            """{"definitionId":"criminal-referral","input":{"agency":"scjg","agency":"zrzy","caseNo":"X"}}""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["$"]![0]!.GetValue<string>().Should().Contain("重复");
        problem.ToJsonString().Should().NotContain("ConsultFlow.").And.NotContain("System.");
        await (await staff.PostRawAsync("/api/instances",
            """{"definitionId":"criminal-referral","definitionId":"consultation"}""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    });

    [Fact]
    public Task A_draft_without_a_name_is_refused_naming_it() => Unchanged(async () =>
        await (await coordinator.Http.PutAsync("api/definitions/nameless/draft", new StringContent(
            """{"id":"nameless","name":null,"flowchart":{"activities":[{"id":"start","type":"Start","inputs":{}}],"connections":[]}}""",
            System.Text.Encoding.UTF8, "application/json"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name"));

    [Fact]
    public async Task A_sign_in_name_with_a_non_character_is_a_422()
    {
        using var anonymous = server.Anonymous();
        var body = new JsonObject { ["userName"] = "scjg-staff\uFFFE", ["password"] = "whatever-it-is" };
        var response = await anonymous.PostAsync("api/auth/sign-in", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "userName");
    }

    [Fact]
    public async Task A_problem_is_in_english_when_english_is_asked_for()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/instances")
        {
            Content = new StringContent("""{"definitionId":"criminal-referral","input":{"agency":"zrzy"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var problem = await (await staff.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "input.agency");
        problem["errors"]!["input.agency"]![0]!.GetValue<string>().Should().Contain("own agency").And.Contain("Referring agency");
    }

    [Fact]
    public Task Blank_text_an_overlong_subject_and_a_nul_character_are_refused() => Unchanged(async () =>
    {
        await (await staff.PostJsonAsync("/api/instances", new JsonObject
        {
            ["definitionId"] = "consultation",
            ["input"] = new JsonObject { ["background"] = "   ", ["mainContent"] = "内容\u0000", ["subject"] = new string('题', 3_300) },
        })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.background", "input.mainContent", "input.subject");
    });

    [Fact]
    public async Task A_nul_cancel_reason_and_an_overlong_comment_are_refused()
    {
        var started = await staff.PostOkAsync("/api/instances", new JsonObject
        {
            ["definitionId"] = "consultation",
            ["input"] = new JsonObject { ["subject"] = "职责交叉", ["background"] = "背景。", ["mainContent"] = "内容。" },
        });
        var id = started["instanceId"]!.GetValue<string>();
        var review = await CaseSteps.InboxTaskAsync(coordinator, Guid.Parse(id), "review");
        await Unchanged(async () =>
        {
            await (await coordinator.PostJsonAsync($"/api/instances/{id}/cancel", new JsonObject { ["reason"] = "撤回\u0000" }))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");
            await (await coordinator.PostJsonAsync($"/api/tasks/{review["id"]!.GetValue<string>()}/complete", new JsonObject
            {
                ["outcome"] = "accept", ["data"] = new JsonObject(), ["comment"] = new string('a', 900_000),
            })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "comment");
        });
    }
}

[Collection(ProcessServerCollection.Name)]
public sealed class SqliteInputAbuseTests(SqliteLoopbackServer server) : InputAbuseTests(server);

[Collection(PostgresCollection.Name)]
public sealed class PostgresInputAbuseTests(PostgresLoopbackServer server) : InputAbuseTests(server), IClassFixture<PostgresLoopbackServer>;
