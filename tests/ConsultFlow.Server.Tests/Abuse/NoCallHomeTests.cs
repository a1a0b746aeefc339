using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// Government intranets forbid calls home. The server is started, used and left running while every host name looked
/// up, HTTP request and socket connect of this process is recorded: none may reach beyond the configured database,
/// broker and mail host (all on loopback here). MassTransit 8.5 reports usage to its vendor unless told not to, at the
/// earliest 30 seconds after the bus starts, or when it stops if told to report on shutdown; this server is told so, so
/// the test sees the report (checked with the server's DisableUsageTelemetry removed) without waiting minutes.
/// </summary>
public sealed class NoCallHomeTests
{
    [Fact]
    public async Task The_server_opens_no_connection_beyond_its_configured_servers()
    {
        using var outbound = new OutboundConnections();
        // The listener sees lookups: without this the test could pass by seeing nothing at all.
        await Assert.ThrowsAnyAsync<Exception>(() => Dns.GetHostAddressesAsync("consultflow-listener-check.invalid"));
        outbound.Seen.Should().Contain("lookup consultflow-listener-check.invalid");

        var server = new EagerReportingServer();
        await ((IAsyncLifetime)server).InitializeAsync();
        try
        {
            using var staff = await server.SignInAsync("scjg-staff");
            await staff.PostOkAsync("/api/instances", new JsonObject
            {
                ["definitionId"] = "consultation",
                ["input"] = new JsonObject { ["subject"] = "职责交叉", ["background"] = "背景。", ["mainContent"] = "内容。" },
            });
            (await staff.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await ((IAsyncLifetime)server).DisposeAsync();
        }

        outbound.Seen.Should().Contain(entry => entry.StartsWith($"http {server.BaseAddress}api/instances", StringComparison.Ordinal),
            "the test's own requests to the server are seen");
        outbound.BeyondThisMachine().Where(entry => entry != "lookup consultflow-listener-check.invalid").Should().BeEmpty();
    }
}

/// <summary>The server on SQLite with MassTransit's usage report, if it is on at all, sent at shutdown rather than minutes later.</summary>
public sealed class EagerReportingServer : SqliteLoopbackServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<MassTransit.UsageTelemetryOptions>(o => o.ReportOnShutdown = true));
    }
}
