using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Contracts.V1;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>Turns an outbox payload into its contract record and a received contract back into JSON for the engine.</summary>
internal static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static CaseMessage ToContract(string messageType, string payloadJson)
    {
        var type = MessageTypes.Find(messageType)
            ?? throw new InvalidOperationException($"'{messageType}' is not a message type of ConsultFlow.Contracts.V1.");
        return (CaseMessage)(JsonSerializer.Deserialize(payloadJson, type, Options)
            ?? throw new InvalidOperationException($"The payload of a {messageType} is empty."));
    }

    public static JsonObject ToJson(CaseMessage message) =>
        (JsonObject)JsonSerializer.SerializeToNode(message, message.GetType(), Options)!;
}
