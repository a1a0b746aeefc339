using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ConsultFlow.Server.Tests.Audit;

/// <summary>
/// The capture of commands, in a small app wired the way Program.cs is meant to be (UseAudit after authorization),
/// with stand-in endpoints, so that it does not depend on the rest of the server.
/// </summary>
public sealed class AuditMiddlewareTests() : AuditDatabaseTestBase(PersistenceProvider.Sqlite, null)
{
    private readonly CollectingLoggerProvider logs = new();
    private WebApplication app = null!;
    private HttpClient client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton(Options);
        builder.Services.AddAudit(new AuditOptions());
        builder.Services.AddSingleton<IAuditBefore, TaskStandIn>();
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        app = builder.Build();

        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAudit();

        app.MapPost("/api/tasks/{id:guid}/complete", (Guid id) => new { id, status = "Completed", 意见 = "同意" });
        app.MapPost("/api/instances", () => Results.Created("/api/instances/i-1", new { instanceId = "i-1", status = "Running" }));
        app.MapPost("/api/instances/{id}/cancel", (string id) => Results.Problem(statusCode: 409, title: "Already finished."));
        app.MapPost("/api/instances/{id}/retry", (string id) => Results.Text("retried " + id, "text/plain"));
        app.MapDelete("/api/instances/{id}", (string id) => Results.NoContent());
        app.MapPost("/api/instances/{id}/explode", (string id) => { throw new InvalidOperationException("boom"); });
        app.MapGet("/api/instances/{id}", (string id) => new { id });
        app.MapPost("/api/auth/sign-in", () => new { ok = true }).AllowAnonymous();
        app.MapPost("/api/definitions/validate", () => new { errors = Array.Empty<string>() });
        app.MapPost("/api/things/{id}/touch", (string id) => new { id }).WithoutAudit();
        app.MapPost("/api/things/{id}/rename", (string id) => new { id }).WithAuditAction("things.renamed");
        app.MapPost("/api/api-clients", () => Results.Created("/api/api-clients/c-1",
            new { id = "c-1", name = "gateway", key = "cf_live_secret", accounts = new[] { new { userName = "li", password = "Init-123" } } }));
        app.MapAuditEndpoints();
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public override async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await base.DisposeAsync();
    }

    private HttpRequestMessage As(HttpMethod method, string url, string user = "zhang", string roles = "staff,contact", string? agency = "scjg")
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Test-User", user);
        request.Headers.Add("X-Test-Roles", roles);
        if (agency is not null) request.Headers.Add("X-Test-Agency", agency);
        return request;
    }

    private async Task<IReadOnlyList<AuditRecord>> RecordsAsync() => await ChainOf(app.Services).ListAsync(0, 100);

    [Fact]
    public async Task A_successful_command_is_recorded_with_who_what_before_and_after()
    {
        var taskId = Guid.NewGuid();

        var response = await client.SendAsync(As(HttpMethod.Post, $"/api/tasks/{taskId}/complete"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("\"status\":\"Completed\"", "the client gets the response it would have got without the audit");
        var record = (await RecordsAsync()).Should().ContainSingle().Subject;
        record.Action.Should().Be("tasks.complete");
        record.Target.Should().Be(taskId.ToString());
        record.UserId.Should().Be("id-zhang");
        record.UserName.Should().Be("zhang");
        record.Agency.Should().Be("scjg");
        record.Roles.Should().Be("""["contact","staff"]""");
        record.BeforeJson.Should().Be($$"""{"id":"{{taskId}}","status":"Open"}""");
        record.AfterJson.Should().Be(AuditJson.Normalize(body));
        JsonNode.Parse(record.AfterJson!)!["意见"]!.GetValue<string>().Should().Be("同意");
        (await ChainOf(app.Services).VerifyAsync()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_creation_takes_its_target_from_the_response_and_a_deletion_from_the_route()
    {
        (await client.SendAsync(As(HttpMethod.Post, "/api/instances"))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.SendAsync(As(HttpMethod.Delete, "/api/instances/i-9"))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var records = await RecordsAsync();
        records.Select(r => (r.Action, r.Target)).Should().Equal(("instances.create", "i-1"), ("instances.delete", "i-9"));
        records[1].AfterJson.Should().BeNull("a 204 has no body");
    }

    [Fact]
    public async Task A_response_that_is_not_json_is_recorded_by_its_digest()
    {
        var response = await client.SendAsync(As(HttpMethod.Post, "/api/instances/i-2/retry"));

        (await response.Content.ReadAsStringAsync()).Should().Be("retried i-2");
        var after = JsonNode.Parse((await RecordsAsync()).Single().AfterJson!)!;
        after["length"]!.GetValue<int>().Should().Be(11);
        after["sha256"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("retried i-2"u8)));
    }

    [Fact]
    public async Task Refusals_failures_reads_validation_and_sign_in_are_not_recorded()
    {
        (await client.SendAsync(As(HttpMethod.Post, "/api/instances/i-3/cancel"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.SendAsync(As(HttpMethod.Post, "/api/instances/i-3/explode"))).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await client.SendAsync(As(HttpMethod.Get, "/api/instances/i-3"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(As(HttpMethod.Post, "/api/definitions/validate"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync("/api/auth/sign-in", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(As(HttpMethod.Post, "/api/things/t/touch"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(As(HttpMethod.Post, "/api/nowhere"))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await RecordsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Issued_keys_and_passwords_never_reach_the_record()
    {
        var response = await client.SendAsync(As(HttpMethod.Post, "/api/api-clients", "admin", "administrator"));

        (await response.Content.ReadAsStringAsync()).Should().Contain("cf_live_secret", "the client still gets its key");
        var record = (await RecordsAsync()).Single();
        record.AfterJson.Should().NotContain("cf_live_secret").And.NotContain("Init-123").And.Contain("\"key\":\"[redacted]\"");
        record.Target.Should().Be("c-1");
    }

    [Fact]
    public async Task An_endpoint_may_name_its_action()
    {
        await client.SendAsync(As(HttpMethod.Post, "/api/things/t-1/rename"));

        (await RecordsAsync()).Single().Should().Match<AuditRecord>(r => r.Action == "things.renamed" && r.Target == "t-1");
    }

    [Fact]
    public async Task When_the_append_fails_the_client_gets_500_the_entry_is_logged_and_readiness_fails()
    {
        await ExecuteAsync("DROP TABLE audit_records");

        var response = await client.SendAsync(As(HttpMethod.Post, $"/api/tasks/{Guid.NewGuid()}/complete"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["code"]!.GetValue<string>().Should().Be("AuditFailed");
        problem["title"]!.GetValue<string>().Should().Contain("carried out");
        logs.Messages.Should().Contain(m => m.Level == LogLevel.Critical && m.Message.Contains("AUDIT RECORD LOST") && m.Message.Contains("tasks.complete"));
        var health = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        health.Entries["audit"].Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task After_appends_recover_readiness_is_degraded_until_restart()
    {
        var health = app.Services.GetRequiredService<AuditHealth>();
        health.Failed(new InvalidOperationException("disk full"), DateTimeOffset.UtcNow);

        await client.SendAsync(As(HttpMethod.Post, "/api/instances"));

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Entries["audit"].Status.Should().Be(HealthStatus.Degraded);
        report.Entries["audit"].Description.Should().Contain("disk full");
    }

    [Fact]
    public async Task Only_administrators_read_the_record()
    {
        await client.SendAsync(As(HttpMethod.Post, "/api/instances"));
        await client.SendAsync(As(HttpMethod.Delete, "/api/instances/i-9"));

        (await client.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(As(HttpMethod.Get, "/api/audit"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var list = await client.SendAsync(As(HttpMethod.Get, "/api/audit?after=1&take=10", "admin", "administrator"));
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = await list.Content.ReadFromJsonAsync<JsonArray>();
        rows!.Select(r => r!["sequence"]!.GetValue<long>()).Should().Equal(2L);
        (await client.SendAsync(As(HttpMethod.Get, "/api/audit", "gateway", "system", agency: null))).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "an agency's system does not read the record");
        (await ChainOf(app.Services).VerifyAsync()).Count.Should().Be(2);
        (await RecordsAsync()).Should().HaveCount(2, "reading the record is not a command");
    }

    /// <summary>Stands in for the engine's task store: every task was "Open" before.</summary>
    private sealed class TaskStandIn : IAuditBefore
    {
        public Task<string?> CaptureAsync(string action, string? target, HttpContext http, CancellationToken ct) =>
            Task.FromResult(action.StartsWith("tasks.", StringComparison.Ordinal) ? $$"""{"status":"Open","id":"{{target}}"}""" : null);
    }
}
