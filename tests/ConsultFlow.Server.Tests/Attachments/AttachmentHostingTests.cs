using ConsultFlow.Server.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Features.Attachments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static ConsultFlow.Server.Tests.Attachments.UploadBodies;

namespace ConsultFlow.Server.Tests.Attachments;

/// <summary>
/// The attachments in the real host: migrated before the server takes requests, and served by Kestrel over a loopback
/// socket, where the server's general 1 MiB body limit would otherwise stop every larger file.
/// </summary>
public sealed class AttachmentHostingTests
{
    private const string Definition = """
        {
          "id": "kestrel-demo", "name": "上传演示",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "check", "type": "HumanTask", "inputs": { "title": "核对", "assigneeAgency": "sfj", "assigneeRole": "staff",
                  "outcomes": [{ "name": "done", "label": "完成" }] } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "check" },
              { "source": "check", "outcome": "done", "target": "end" }
            ]
          }
        }
        """;

    private sealed class KestrelFactory : AttachmentServerFactory
    {
        public KestrelFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");
    }

    [Fact]
    public async Task The_table_is_migrated_by_a_hosted_service_that_starts_before_the_server()
    {
        using var factory = new AttachmentServerFactory();
        var client = factory.CreateClient();

        var hosted = factory.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        hosted.Should().Contain(nameof(AttachmentsStartup)).And.Contain("GenericWebHostService");
        hosted.IndexOf(nameof(AttachmentsStartup)).Should().BeLessThan(hosted.IndexOf("GenericWebHostService"),
            "hosted services start in order and the web server's comes last");
        (await factory.Services.GetRequiredService<AttachmentsMigrator>().PendingAsync()).Should().BeEmpty();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.Exists(factory.AttachmentFolder).Should().BeTrue();
    }

    [Fact]
    public async Task Over_real_HTTP_a_5_MiB_file_goes_through_and_one_over_the_limit_is_refused_with_413()
    {
        using var factory = new KestrelFactory();
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = factory.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", await factory.ApiKeyAsync());
        (await client.PutAsync("/api/definitions/kestrel-demo/draft", new StringContent(Definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/definitions/kestrel-demo/versions/1/publish", null)).EnsureSuccessStatusCode();
        var started = await client.PostAsync("/api/instances", new StringContent("""{ "definitionId": "kestrel-demo" }""", Encoding.UTF8, "application/json"));
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();

        var bytes = Pdf(5 * 1024 * 1024, seed: 9);
        var uploaded = await client.PostAsync($"/api/cases/{id}/attachments", Form(new ByteArrayContent(bytes), "卷宗.pdf", "application/pdf"));
        uploaded.StatusCode.Should().Be(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var info = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        info["sha256"]!.GetValue<string>().Should().Be(Sha256(bytes));
        (await client.GetByteArrayAsync($"/api/attachments/{info["id"]}")).Should().Equal(bytes);

        using var chunked = new GeneratedStream(3 * 1024 * 1024, seed: 10);
        var streamed = await client.PostAsync($"/api/cases/{id}/attachments", Form(new StreamContent(chunked), "分块.pdf", "application/pdf"));
        streamed.StatusCode.Should().Be(HttpStatusCode.Created, await streamed.Content.ReadAsStringAsync());
        (await streamed.Content.ReadFromJsonAsync<JsonObject>())!["sha256"]!.GetValue<string>().Should().Be(chunked.Sha256);

        var key = new[] { KeyValuePair.Create("X-Api-Key", await factory.ApiKeyAsync()) };
        var tooLargeForm = Form(new ByteArrayContent(Pdf((int)AttachmentServerFactory.Limit + 1, seed: 11)), "超限.pdf", "application/pdf");
        var tooLarge = await RawHttp.PostStatusLineAsync(factory.Address, $"/api/cases/{id}/attachments",
            tooLargeForm.Headers.ContentType!.ToString(), await tooLargeForm.ReadAsByteArrayAsync(), key);
        tooLarge.Should().StartWith("HTTP/1.1 413");

        // Other endpoints keep the general limit.
        var bigJson = await RawHttp.PostStatusLineAsync(factory.Address, "/api/instances", "application/json",
            Encoding.UTF8.GetBytes($$"""{ "definitionId": "kestrel-demo", "input": { "x": "{{new string('x', 2 * 1024 * 1024)}}" } }"""), key);
        bigJson.Should().StartWith("HTTP/1.1 413");

        (await client.GetFromJsonAsync<JsonArray>($"/api/cases/{id}/attachments"))!.Should().HaveCount(2);
    }
}
