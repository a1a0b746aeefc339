using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.State;

/// <summary>One append-only record of what happened to an instance. (InstanceId, Sequence) is unique.</summary>
public sealed record JournalEntry(
    Guid InstanceId,
    long Sequence,
    DateTimeOffset At,
    JournalKind Kind,
    string? ActivityId,
    string? ActivityType,
    Guid? ExecutionId,
    Actor? Actor,
    string? Message,
    JsonNode? Data);
