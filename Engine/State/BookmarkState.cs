using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.State;

/// <summary>
/// A point where an instance waits. Identified by a stable id (a human task's id is its bookmark's id), never by a
/// method name; <see cref="Payload"/> holds the blocking activity's own typed data serialized as JSON.
/// </summary>
public sealed record BookmarkState
{
    public required Guid Id { get; init; }
    public required string ActivityId { get; init; }
    public required Guid ExecutionId { get; init; }
    public Guid? ScopeId { get; init; }
    public required BookmarkKind Kind { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>For timers: when it fires.</summary>
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>For messages: the message type and the correlation key it waits for.</summary>
    public string? MessageName { get; init; }
    public string? CorrelationKey { get; init; }
    public Guid? ChildInstanceId { get; init; }
    public JsonNode? Payload { get; init; }
}
