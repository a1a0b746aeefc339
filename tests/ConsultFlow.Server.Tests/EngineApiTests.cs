using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests;

public sealed class EngineApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Review = """
        {
          "id": "api-review", "name": "审议",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "review", "type": "HumanTask", "inputs": {
                  "title": "审议会商申请", "assigneeAgency": "sfj", "assigneeRole": "coordinator",
                  "form": { "fields": [{ "key": "reason", "label": "理由", "type": "longText", "required": true }] },
                  "outcomes": [{ "name": "accept", "label": "受理" }] } },
              { "id": "end", "type": "End", "inputs": { "output": { "$expr": { "var": "activities.review.data.reason" } } } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "review" },
              { "source": "review", "outcome": "accept", "target": "end" }
            ]
          }
        }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> PublishedAsync()
    {
        var client = factory.CreateAuthorizedClient();
        var versions = await client.GetAsync("/api/definitions/api-review/versions");
        if (versions.StatusCode == HttpStatusCode.NotFound)
        {
            var draft = await client.PutAsync("/api/definitions/api-review/draft", Json(Review));
            draft.StatusCode.Should().Be(HttpStatusCode.OK, await draft.Content.ReadAsStringAsync());
            var publish = await client.PostAsync("/api/definitions/api-review/versions/1/publish", null);
            publish.StatusCode.Should().Be(HttpStatusCode.OK, await publish.Content.ReadAsStringAsync());
        }
        return client;
    }

    [Fact]
    public async Task Health_is_open_and_everything_else_needs_the_key()
    {
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api/definitions")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var wrongKey = factory.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("Authorization", "Bearer not-the-key");
        (await wrongKey.GetAsync("/api/instances")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.CreateAuthorizedClient().GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_case_runs_end_to_end_over_the_api_and_repeats_are_idempotent()
    {
        var client = await PublishedAsync();

        var start = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Json("""{ "definitionId": "api-review", "correlationKey": "XZ-1" }""") };
        start.Headers.Add("Idempotency-Key", "start-e2e");
        var started = await client.SendAsync(start);
        started.StatusCode.Should().Be(HttpStatusCode.Created);
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var again = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Json("""{ "definitionId": "api-review", "correlationKey": "XZ-1" }""") };
        again.Headers.Add("Idempotency-Key", "start-e2e");
        var repeated = (await (await client.SendAsync(again)).Content.ReadFromJsonAsync<JsonObject>())!;
        repeated["instanceId"]!.GetValue<string>().Should().Be(instance["instanceId"]!.GetValue<string>());

        var id = instance["instanceId"]!.GetValue<string>();
        var tasks = (await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instanceId={id}&status=open"))!;
        tasks.Should().HaveCount(1);
        var taskId = tasks[0]!["id"]!.GetValue<string>();
        tasks[0]!["assigneeAgency"]!.GetValue<string>().Should().Be("sfj");

        var done = await client.PostAsync($"/api/tasks/{taskId}/complete", Json("""{ "outcome": "accept", "data": { "reason": "材料齐全" } }"""));
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await done.Content.ReadFromJsonAsync<JsonObject>())!;
        result["status"]!.GetValue<string>().Should().Be("completed");
        result["output"]!.GetValue<string>().Should().Be("材料齐全");

        var journal = (await client.GetFromJsonAsync<JsonArray>($"/api/instances/{id}/journal"))!;
        journal.Select(e => e!["kind"]!.GetValue<string>()).Should().Contain(["instanceStarted", "taskCompleted", "instanceCompleted"]);
        (await client.PostAsync($"/api/tasks/{taskId}/complete", Json("""{ "outcome": "accept", "data": { "reason": "again" } }""")))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("POST", "/api/instances", "{ \"definitionId\": ", 400, "$")]
    [InlineData("POST", "/api/instances", "{ \"input\": {} }", 422, "definitionId")]
    [InlineData("POST", "/api/instances", "{ \"definitionId\": \"api-review\", \"input\": { \"colour\": 1 } }", 422, "input.colour")]
    [InlineData("POST", "/api/instances", "{ \"definitionId\": \"no-such-process\" }", 404, null)]
    [InlineData("POST", "/api/instances", "{ \"definitionId\": 42 }", 400, "$.definitionId")]
    [InlineData("POST", "/api/messages", "{ \"messageName\": \"Receipt\" }", 422, "correlationKey")]
    [InlineData("PUT", "/api/definitions/api-other/draft", "{ \"id\": \"api-review2\", \"name\": \"x\", \"flowchart\": { \"activities\": [], \"connections\": [] } }", 422, "id")]
    [InlineData("PUT", "/api/definitions/api-broken/draft", "{ \"id\": \"api-broken\", \"name\": \"x\", \"flowchart\": { \"activities\": [{ \"id\": \"a\", \"type\": \"Start\" }], \"connections\": [{ \"source\": \"a\" }] } }", 400, null)]
    public async Task Bad_input_gets_a_problem_naming_the_field(string method, string path, string body, int status, string? field)
    {
        var client = await PublishedAsync();
        var before = (await client.GetFromJsonAsync<JsonArray>("/api/instances"))!.Count;

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        if (field is not null)
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(k => k == field || k.StartsWith(field));
        (await client.GetFromJsonAsync<JsonArray>("/api/instances"))!.Count.Should().Be(before);
    }

    [Fact]
    public async Task Task_data_that_does_not_fit_the_form_is_refused_and_the_task_stays_open()
    {
        var client = await PublishedAsync();
        var started = (await (await client.PostAsync("/api/instances", Json("""{ "definitionId": "api-review" }"""))).Content.ReadFromJsonAsync<JsonObject>())!;
        var taskId = started["openTaskIds"]![0]!.GetValue<string>();

        var response = await client.PostAsync($"/api/tasks/{taskId}/complete", Json("""{ "outcome": "accept", "data": {} }"""));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["data.reason"].Should().NotBeNull();
        (await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}"))!["status"]!.GetValue<string>().Should().Be("open");
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_oversized_bodies_413()
    {
        var client = factory.CreateAuthorizedClient();

        (await client.GetAsync($"/api/instances/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/tasks/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/definitions/nothing/versions/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var huge = "{ \"definitionId\": \"api-review\", \"input\": { \"x\": \"" + new string('a', 2 * 1024 * 1024) + "\" } }";
        (await client.PostAsync("/api/instances", Json(huge))).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_invalid_draft_is_saved_with_its_errors_and_cannot_be_published()
    {
        var client = factory.CreateAuthorizedClient();
        var draft = """{ "id": "api-invalid", "name": "无开始", "flowchart": { "activities": [{ "id": "end", "type": "End" }], "connections": [] } }""";

        var saved = (await (await client.PutAsync("/api/definitions/api-invalid/draft", Json(draft))).Content.ReadFromJsonAsync<JsonObject>())!;
        var publish = await client.PostAsync($"/api/definitions/api-invalid/versions/{saved["definition"]!["version"]}/publish", null);

        saved["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().Contain("no-start");
        publish.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_palette_lists_every_activity_type_with_chinese_names()
    {
        var descriptors = (await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonArray>("/api/activity-descriptors"))!;

        descriptors.Select(d => d!["type"]!.GetValue<string>()).Should().Contain(
            ["Start", "End", "Decision", "Switch", "Fork", "Join", "ParallelForEach", "SetVariable", "HumanTask", "Timer", "WaitForMessage", "SubWorkflow", "Fault"]);
        descriptors.Single(d => d!["type"]!.GetValue<string>() == "HumanTask")!["displayName"]!["zh"]!.GetValue<string>().Should().Be("人工任务");
    }
}
