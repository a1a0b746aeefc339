using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Activities.Messaging;

/// <summary>
/// The body of an outgoing message: the process's data plus the fields every contract carries (case, instance, step,
/// agencies, time), set here so that no process can get the correlation wrong.
/// </summary>
internal static class MessagePayload
{
    public static JsonObject Build(ActivityContext context, JsonNode? data, string step, string? from, string? to)
    {
        if (data is not null and not JsonObject)
            throw new InvalidOperationException($"'{context.ActivityId}': data must be an object, not {data.ToJsonString()}.");
        var payload = new JsonObject();
        // JSON Logic cannot build an object, so a literal object may hold {"$expr": rule} values, evaluated here.
        foreach (var (name, value) in (JsonObject?)data ?? [])
            payload[name] = value is JsonObject { Count: 1 } single && single.TryGetPropertyValue("$expr", out var rule)
                ? context.Evaluate(rule)?.DeepClone()
                : value?.DeepClone();
        payload["caseKey"] = context.CorrelationKey ?? context.InstanceId.ToString();
        payload["instanceId"] = context.InstanceId.ToString();
        payload["step"] = step;
        payload["fromAgency"] = from ?? context.Actor.Agency;
        payload["toAgency"] = to;
        payload["sentAt"] = context.Now.ToString("O");
        return payload;
    }
}
