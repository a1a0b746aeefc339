using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.State;

/// <summary>One run of a container's body for one item (e.g. one agency's opinion task in a ParallelForEach).</summary>
public sealed record ScopeState
{
    public required Guid Id { get; init; }
    public Guid? ParentScopeId { get; init; }
    public required string OwnerActivityId { get; init; }
    public required Guid OwnerExecutionId { get; init; }
    public required int Index { get; init; }
    public JsonNode? Item { get; init; }
    public JsonObject Outputs { get; set; } = [];
    /// <summary>Ran to its end.</summary>
    public bool Completed { get; set; }
    /// <summary>Stopped because its container finished early (its completion condition held) or was cancelled.</summary>
    public bool Cancelled { get; set; }
    public bool Finished => Completed || Cancelled;
}
