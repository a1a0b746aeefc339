using System.Text.Json.Nodes;

namespace ConsultFlow.Messaging.Tests;

/// <summary>Starting messaging-ping cases over HTTP and reading what became of them from the database.</summary>
internal static class PingCases
{
    public const string Completed = "SELECT count(*) FROM workflow_instances WHERE definition_id = 'messaging-ping' AND status = 'Completed'";
    public const string All = "SELECT count(*) FROM workflow_instances WHERE definition_id = 'messaging-ping'";

    public static async Task<Guid> StartAsync(UserSession user, string caseKey)
    {
        var started = await user.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = "messaging-ping", ["correlationKey"] = caseKey });
        return Guid.Parse(started["instanceId"]!.GetValue<string>());
    }
}
