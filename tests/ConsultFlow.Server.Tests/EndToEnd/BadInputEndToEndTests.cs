using ConsultFlow.Server.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>
/// Bad input over real HTTP: every refused request is a 4xx problem (application/problem+json) that names the field
/// where there is one, and nothing changes — the cases, the tasks, the case's journal and the audit chain are the same
/// before and after.
/// </summary>
public abstract class BadInputEndToEndTests(LoopbackServer server) : IAsyncLifetime
{
    private UserSession staff = null!;
    private UserSession leader = null!;
    private UserSession admin = null!;
    private Guid caseId;
    private Guid taskId;

    public async Task InitializeAsync()
    {
        staff = await server.SignInAsync("scjg-staff");
        leader = await server.SignInAsync("scjg-leader");
        admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);
        caseId = await StartAsync(staff, "criminal-referral", ValidInput());
        taskId = Guid.Parse((await InboxTaskAsync(leader, caseId, "appointTeam"))["id"]!.GetValue<string>());
    }

    public Task DisposeAsync()
    {
        staff.Dispose();
        leader.Dispose();
        admin.Dispose();
        return Task.CompletedTask;
    }

    private static JsonObject ValidInput() => new()
    {
        ["agency"] = "scjg",
        ["caseNo"] = "SCJG-YS-2026-" + Guid.NewGuid().ToString("N")[..6],
        ["caseName"] = "某食品公司生产销售不符合安全标准的食品案",
        ["suspect"] = "某食品有限公司",
        ["suspectedCrime"] = "生产、销售不符合安全标准的食品罪",
        ["thresholdFacts"] = "涉案货值金额约12万元。",
        ["evidenceSummary"] = "抽样检验报告、现场检查笔录。",
        ["itemList"] = "查封冷冻肉制品320箱。",
    };

    private string Complete => $"/api/tasks/{taskId}/complete";

    private sealed record Counts(int Instances, int Tasks, int Journal, long AuditHead, string TaskStatus);

    private async Task<Counts> CountAsync()
    {
        var audit = 0L;
        while ((await admin.GetJsonAsync($"/api/audit?after={audit}&take=1000")).AsArray() is { Count: > 0 } page)
            audit = page[^1]!["sequence"]!.GetValue<long>();
        return new Counts(
            (await InstanceIdsAsync(admin)).Count,
            (await TasksAsync(admin)).Count,
            (await JournalAsync(admin, caseId)).Count,
            audit,
            (await admin.GetJsonAsync($"/api/tasks/{taskId}"))["status"]!.GetValue<string>());
    }

    /// <summary>Runs the refused requests and checks that the server's state did not move.</summary>
    private async Task ChangesNothingAsync(Func<Task> refused)
    {
        var before = await CountAsync();
        await refused();
        (await CountAsync()).Should().Be(before);
        before.TaskStatus.Should().Be("open");
    }

    private static StringContent Body(string text, string? contentType = "application/json")
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public Task Malformed_json_is_a_400_problem() => ChangesNothingAsync(async () =>
    {
        await (await staff.PostRawAsync("/api/instances", """{ "definitionId": "criminal-referral", "input": { "agency": "scjg", """, "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await leader.PostRawAsync(Complete, """{ "outcome": "appointed" "data": {} }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await leader.PostRawAsync(Complete, "", "application/json")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await leader.PostRawAsync(Complete, "null", "application/json")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await leader.PostRawAsync(Complete, "[]", "application/json")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await staff.PostRawAsync("/api/instances", "\u00ff\u00fe{", "application/json")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    });

    [Fact]
    public Task Wrong_json_types_are_refused_naming_the_field() => ChangesNothingAsync(async () =>
    {
        await (await staff.PostRawAsync("/api/instances", """{ "definitionId": 42 }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "$.definitionId");
        await (await staff.PostRawAsync("/api/instances", """{ "definitionId": "criminal-referral", "input": ["scjg"] }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "$.input");
        await (await staff.PostRawAsync("/api/instances", """{ "definitionId": "criminal-referral", "version": "latest" }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "$.version");
        await (await staff.PostRawAsync("/api/instances", """{ "definitionId": "criminal-referral", "version": 99999999999 }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "$.version");
        await (await leader.PostRawAsync(Complete, """{ "outcome": "appointed", "data": "张三、李四" }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "$.data");
        await (await leader.PostRawAsync(Complete, """{ "outcome": ["appointed"] }""", "application/json"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "$.outcome");

        // Well-formed JSON whose values do not fit the process: 422 naming the form field or the input.
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject { ["teamMembers"] = 2 } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.teamMembers");
        var input = ValidInput();
        input["caseNo"] = 2026;
        input["penaltyAlreadyImposed"] = "是";
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "criminal-referral", ["input"] = input }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.caseNo", "input.penaltyAlreadyImposed");
    });

    [Fact]
    public Task A_body_over_one_mebibyte_is_a_413_problem() => ChangesNothingAsync(async () =>
    {
        var input = ValidInput();
        input["evidenceSummary"] = new string('证', 200_000); // 1.2 MB: written as \uXXXX escapes
        var json = new JsonObject { ["definitionId"] = "criminal-referral", ["input"] = input }.ToJsonString();

        // Declared by Content-Length, the server refuses before reading; chunked, it stops reading at the limit.
        (await RawStatusLineAsync(staff, "/api/instances", json, chunked: false)).Should().StartWith("HTTP/1.1 413");
        (await RawStatusLineAsync(staff, "/api/instances", json, chunked: true)).Should().StartWith("HTTP/1.1 413");
        var bigData = new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject { ["teamMembers"] = "张三、李四", ["certificateNos"] = new string('x', 1_100_000) } };
        (await RawStatusLineAsync(leader, Complete, bigData.ToJsonString(), chunked: true)).Should().StartWith("HTTP/1.1 413");

        // Just under the limit is read (and refused for what it says, not for its size).
        var underLimit = ValidInput();
        underLimit["evidenceSummary"] = new string('x', 1_000_000); // 1,000,000 of the 1,048,576 bytes allowed
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "criminal-referral", ["input"] = underLimit, ["version"] = 999 }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    });

    private Task<string> RawStatusLineAsync(UserSession user, string path, string json, bool chunked) =>
        RawHttp.PostStatusLineAsync(server.BaseAddress, path, "application/json", Encoding.UTF8.GetBytes(json),
            [KeyValuePair.Create("Cookie", user.Cookies.GetCookieHeader(server.BaseAddress)), KeyValuePair.Create("X-ConsultFlow-Request", "1")], chunked);

    [Fact]
    public Task Unknown_ids_are_404_problems() => ChangesNothingAsync(async () =>
    {
        var nobody = Guid.NewGuid();
        await (await staff.GetAsync($"/api/instances/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/instances/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/instances/{nobody}/journal")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/tasks/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await leader.PostJsonAsync($"/api/tasks/{nobody}/complete", new JsonObject { ["outcome"] = "appointed" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/instances/{nobody}/cancel", new JsonObject { ["reason"] = "测试" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/instances/{nobody}/retry", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "no-such-process", ["input"] = ValidInput() }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "criminal-referral", ["version"] = 999, ["input"] = ValidInput() }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/definitions/no-such-process/versions/1")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/users/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/agencies/no-such-agency")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // Not even a well-formed id: no route matches, still a problem.
        await (await admin.GetAsync("/api/instances/not-a-guid")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    });

    [Fact]
    public Task A_completion_missing_a_required_field_is_a_422_naming_it() => ChangesNothingAsync(async () =>
    {
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject() }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.teamMembers");
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = "appointed" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.teamMembers");
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject { ["teamMembers"] = "   " } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.teamMembers");
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject { ["teamMembers"] = "张三、李四", ["bribe"] = "x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.bribe");
    });

    [Fact]
    public Task An_unknown_or_missing_outcome_is_a_422_naming_outcome() => ChangesNothingAsync(async () =>
    {
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = "approve", ["data"] = new JsonObject { ["teamMembers"] = "张三、李四" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outcome");
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["data"] = new JsonObject { ["teamMembers"] = "张三、李四" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outcome");
        await (await leader.PostJsonAsync(Complete, new JsonObject { ["outcome"] = " " }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outcome");
    });

    [Fact]
    public Task A_start_missing_required_inputs_is_a_422_naming_each() => ChangesNothingAsync(async () =>
    {
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "criminal-referral", ["input"] = new JsonObject { ["agency"] = "scjg", ["caseNo"] = "X-1" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.caseName", "input.suspect", "input.suspectedCrime", "input.thresholdFacts", "input.evidenceSummary", "input.itemList");
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "criminal-referral" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.caseNo", "input.caseName");
        var unknown = ValidInput();
        unknown["secretFlag"] = true;
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "criminal-referral", ["input"] = unknown }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.secretFlag");
        await (await staff.PostJsonAsync("/api/instances", new JsonObject { ["input"] = ValidInput() }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "definitionId");
    });

    [Fact]
    public Task A_body_that_is_not_json_is_a_415_problem() => ChangesNothingAsync(async () =>
    {
        var start = new JsonObject { ["definitionId"] = "criminal-referral", ["input"] = ValidInput() }.ToJsonString();
        await (await staff.Http.PostAsync("api/instances", Body(start, "text/plain"))).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await staff.Http.PostAsync("api/instances", Body(start, null))).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await staff.Http.PostAsync("api/instances", new FormUrlEncodedContent([new("definitionId", "criminal-referral")])))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await leader.Http.PostAsync($"api/tasks/{taskId}/complete", Body("""{ "outcome": "appointed", "data": { "teamMembers": "张三、李四" } }""", "application/xml")))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    });

    [Fact]
    public Task An_unknown_enum_value_in_a_query_is_a_422_naming_the_parameter() => ChangesNothingAsync(async () =>
    {
        await (await staff.GetAsync("/api/instances?status=finished")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "status");
        await (await staff.GetAsync("/api/instances?status=2")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "status");
        await (await staff.GetAsync("/api/tasks?status=pending")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "status");
        await (await staff.GetAsync("/api/agencies?type=police")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "type");
        // Values of the wrong type for a typed query parameter are refused too.
        await (await staff.GetAsync("/api/instances?take=many")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await staff.GetAsync("/api/tasks?instanceId=not-a-guid")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    });
}
