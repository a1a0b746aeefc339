namespace ConsultFlow.Engine.Persistence;

/// <summary>The first result of a request sent with an idempotency key; a repeat with the same key gets it back.</summary>
public sealed record IdempotencyRecord(string Key, string Operation, string RequestHash, Guid InstanceId, string ResultJson, DateTimeOffset CreatedAt);
