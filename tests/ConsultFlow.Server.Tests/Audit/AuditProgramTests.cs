using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Features.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Audit;

/// <summary>The real server as Program.cs wires it: a command through the API leaves a verifiable row naming who did it.</summary>
public sealed class AuditProgramTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Definition = """
        {
          "id": "audit-demo", "name": "审计演示",
          "flowchart": {
            "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
            "connections": [ { "source": "start", "outcome": "Done", "target": "end" } ]
          }
        }
        """;

    [Fact]
    public async Task Saving_a_draft_through_the_api_is_recorded_with_the_action_and_the_user_and_the_chain_verifies()
    {
        var client = await factory.SignInAsync();
        var chain = factory.Services.GetRequiredService<AuditChain>();
        var before = (await chain.VerifyAsync()).Count;

        var response = await client.PutAsync("/api/definitions/audit-demo/draft", new StringContent(Definition, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await client.GetAsync("/api/definitions/audit-demo/versions")).StatusCode.Should().Be(HttpStatusCode.OK);

        var records = await chain.ListAsync(before, 10);
        var record = records.Should().ContainSingle(r => r.Action == "definitions.draft", "reading is not a command").Subject;
        record.Target.Should().Be("audit-demo");
        record.UserName.Should().Be(ServerFactory.AdminUserName);
        record.Agency.Should().Be(ServerFactory.AdminAgency);
        record.AfterJson.Should().Contain("\"definitionId\":\"audit-demo\"");

        var verify = await client.GetFromJsonAsync<JsonObject>("/api/audit/verify");
        verify!["ok"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
        verify["commands"]!["count"]!.GetValue<long>().Should().Be(before + records.Count);
    }
}
