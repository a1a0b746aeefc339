using ConsultFlow.Server.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.Authorization;

/// <summary>
/// The whole matrix in one place: every case endpoint × every relation a caller can have to a case. Reads are checked
/// for every relation; writes are checked for every relation that must be refused (the allowed writes are exercised by
/// the process tests), so this test changes nothing it does not expect to.
/// </summary>
public sealed class AccessMatrixTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Password = "access-matrix-password";
    /// <summary>The relations, by the user who has them.</summary>
    private static readonly string[] Relations = ["starter", "assignee", "unrelated", "outsideCoordinator", "office", "admin"];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Every_case_endpoint_answers_every_relation_as_the_rules_say()
    {
        var admin = factory.CreateAuthorizedClient();
        foreach (var (code, type) in new[] { ("mx-scjg", "enforcementUnit"), ("mx-gaj", "publicSecurity"), ("mx-zrzy", "enforcementUnit") })
            (await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = code, en = code }, type, region = "CN" })).EnsureSuccessStatusCode();
        await factory.CreateUserAsync("mx-starter", "mx-scjg", ["staff"], Password);
        await factory.CreateUserAsync("mx-assignee", "mx-gaj", ["staff"], Password);
        await factory.CreateUserAsync("mx-unrelated", "mx-zrzy", ["staff"], Password);
        await factory.CreateUserAsync("mx-outside-coordinator", "mx-zrzy", ["coordinator"], Password);
        await factory.CreateUserAsync("mx-office", "sfj", ["coordinator"], Password);
        await ReceiptProcess.PublishAsync(admin, "matrix-demo", ReceiptProcess.Definition("matrix-demo", "权限矩阵"));

        var users = new Dictionary<string, HttpClient>
        {
            ["starter"] = await factory.SignInAsync("mx-starter", Password),
            ["assignee"] = await factory.SignInAsync("mx-assignee", Password),
            ["unrelated"] = await factory.SignInAsync("mx-unrelated", Password),
            ["outsideCoordinator"] = await factory.SignInAsync("mx-outside-coordinator", Password),
            ["office"] = await factory.SignInAsync("mx-office", Password),
            ["admin"] = admin,
        };
        var started = await users["starter"].PostAsync("/api/instances", Json("""{ "definitionId": "matrix-demo", "input": { "police": "mx-gaj" } }"""));
        started.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["instanceId"]!.GetValue<string>();
        var task = body["openTaskIds"]![0]!.GetValue<string>();

        // Reads: 200 for the parties and those who see everything, 404 for everyone else.
        var reads = new[] { $"/api/instances/{id}", $"/api/instances/{id}/journal", $"/api/cases/{id}", $"/api/tasks?instanceId={id}",
            $"/api/tasks/{task}", $"/api/cases/{id}/attachments" };
        var sees = new HashSet<string> { "starter", "assignee", "office", "admin" };
        var failures = new List<string>();
        foreach (var relation in Relations)
        {
            foreach (var path in reads)
            {
                var expected = sees.Contains(relation) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                var actual = (await users[relation].GetAsync(path)).StatusCode;
                if (actual != expected) failures.Add($"{relation} GET {path}: {(int)actual}, expected {(int)expected}");
            }
            var listed = (await users[relation].GetFromJsonAsync<JsonArray>("/api/instances?take=500"))!.Any(i => i!["instanceId"]!.GetValue<string>() == id);
            var inCases = (await users[relation].GetFromJsonAsync<JsonObject>("/api/cases?take=500"))!["items"]!.AsArray().Any(i => i!.ToJsonString().Contains(id));
            var counted = (await users[relation].GetFromJsonAsync<JsonObject>("/api/statistics"))!.ToJsonString().Contains("matrix-demo");
            if (listed != sees.Contains(relation)) failures.Add($"{relation}: listed in /api/instances = {listed}");
            if (inCases != sees.Contains(relation)) failures.Add($"{relation}: listed in /api/cases = {inCases}");
            if (counted != sees.Contains(relation)) failures.Add($"{relation}: counted in /api/statistics = {counted}");
        }

        // Writes that must be refused: 404 where the case is invisible, 403 where it is visible but not the caller's to do.
        var refusals = new (string Relation, HttpMethod Method, string Path, string? Json, HttpStatusCode Expected)[]
        {
            ("unrelated", HttpMethod.Post, $"/api/tasks/{task}/complete", """{ "outcome": "signed" }""", HttpStatusCode.NotFound),
            ("unrelated", HttpMethod.Post, $"/api/tasks/{task}/claim", null, HttpStatusCode.NotFound),
            ("unrelated", HttpMethod.Post, $"/api/instances/{id}/cancel", """{ "reason": "x" }""", HttpStatusCode.NotFound),
            ("unrelated", HttpMethod.Post, $"/api/instances/{id}/retry", null, HttpStatusCode.NotFound),
            ("outsideCoordinator", HttpMethod.Post, $"/api/tasks/{task}/complete", """{ "outcome": "signed" }""", HttpStatusCode.NotFound),
            ("outsideCoordinator", HttpMethod.Post, $"/api/instances/{id}/cancel", """{ "reason": "x" }""", HttpStatusCode.NotFound),
            ("starter", HttpMethod.Post, $"/api/tasks/{task}/complete", """{ "outcome": "signed" }""", HttpStatusCode.Forbidden),
            ("starter", HttpMethod.Post, $"/api/tasks/{task}/claim", null, HttpStatusCode.Forbidden),
            ("starter", HttpMethod.Post, $"/api/instances/{id}/cancel", """{ "reason": "x" }""", HttpStatusCode.Forbidden),
            ("starter", HttpMethod.Post, $"/api/instances/{id}/retry", null, HttpStatusCode.Forbidden),
            ("assignee", HttpMethod.Post, $"/api/instances/{id}/cancel", """{ "reason": "x" }""", HttpStatusCode.Forbidden),
            ("office", HttpMethod.Post, $"/api/tasks/{task}/complete", """{ "outcome": "signed" }""", HttpStatusCode.Forbidden),
            ("admin", HttpMethod.Post, $"/api/tasks/{task}/complete", """{ "outcome": "signed" }""", HttpStatusCode.Forbidden),
        };
        foreach (var (relation, method, path, json, expected) in refusals)
        {
            var actual = (await users[relation].SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : Json(json) })).StatusCode;
            if (actual != expected) failures.Add($"{relation} {method} {path}: {(int)actual}, expected {(int)expected}");
        }

        // Starts in another agency's name: refused for everyone but the office's people, who must say for whom and why.
        await ReceiptProcess.PublishAsync(admin, "matrix-acting", ActingDefinition);
        var casesBefore = (await admin.GetFromJsonAsync<JsonArray>("/api/instances?take=500"))!.Count;
        const string reason = """, "actingFor": { "agency": "mx-scjg", "reason": "该局系统故障，代为发起" }""";
        var inAnotherName = new (string Relation, string Json, HttpStatusCode Expected)[]
        {
            ("starter", """{ "definitionId": "matrix-acting", "input": { "agency": "mx-zrzy", "police": "mx-gaj" } }""", HttpStatusCode.Forbidden),
            ("assignee", """{ "definitionId": "matrix-acting", "input": { "agency": "mx-scjg", "police": "mx-gaj" } }""", HttpStatusCode.Forbidden),
            ("unrelated", """{ "definitionId": "matrix-acting", "input": { "police": "mx-gaj" }""" + reason + "}", HttpStatusCode.Forbidden),
            ("outsideCoordinator", """{ "definitionId": "matrix-acting", "input": { "police": "mx-gaj" }""" + reason + "}", HttpStatusCode.Forbidden),
            ("office", """{ "definitionId": "matrix-acting", "input": { "agency": "mx-scjg", "police": "mx-gaj" } }""", HttpStatusCode.Forbidden),
            ("office", """{ "definitionId": "matrix-acting", "input": { "police": "mx-gaj" }, "actingFor": { "agency": "mx-scjg" } }""", HttpStatusCode.UnprocessableEntity),
            // An API key acts for its own agency only, even an administrator's.
            ("admin", """{ "definitionId": "matrix-acting", "input": { "agency": "mx-scjg", "police": "mx-gaj" } }""", HttpStatusCode.Forbidden),
            ("admin", """{ "definitionId": "matrix-acting", "input": { "police": "mx-gaj" }""" + reason + "}", HttpStatusCode.Forbidden),
        };
        foreach (var (relation, json, expected) in inAnotherName)
        {
            var actual = (await users[relation].PostAsync("/api/instances", Json(json))).StatusCode;
            if (actual != expected) failures.Add($"{relation} POST /api/instances {json}: {(int)actual}, expected {(int)expected}");
        }
        (await admin.GetFromJsonAsync<JsonArray>("/api/instances?take=500"))!.Count.Should().Be(casesBefore, "no start in another agency's name was written");
        var onBehalf = await users["office"].PostAsync("/api/instances", Json("""{ "definitionId": "matrix-acting", "input": { "police": "mx-gaj" }""" + reason + "}"));
        onBehalf.StatusCode.Should().Be(HttpStatusCode.Created, "the office may act for an agency, saying why");

        failures.Should().BeEmpty();
        (await users["assignee"].GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["status"]!.GetValue<string>().Should().Be("open", "no refused write changed anything");
        (await users["assignee"].PostAsync($"/api/tasks/{task}/complete", Json("""{ "outcome": "signed" }"""))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>A start whose input "agency" names who acts, and a receipt at the police it names.</summary>
    private const string ActingDefinition = """
        {
          "id": "matrix-acting", "name": "以本单位名义发起",
          "inputs": [
            { "name": "agency", "type": "agency", "actingAgency": true, "label": { "zh": "发起单位", "en": "Starting agency" } },
            { "name": "police", "type": "agency", "required": true, "agencyTypes": ["publicSecurity"] }
          ],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "receipt", "type": "HumanTask", "inputs": { "title": "签收回执", "assigneeAgency": { "$expr": { "var": "input.police" } },
                  "assigneeRole": "staff", "outcomes": [{ "name": "signed", "label": "签收" }] } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "receipt" },
              { "source": "receipt", "outcome": "signed", "target": "end" }
            ]
          }
        }
        """;
}
