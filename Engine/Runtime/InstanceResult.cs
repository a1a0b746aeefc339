using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Runtime;

/// <summary>Where an instance stands after a step: what a caller (and a repeated idempotent request) gets back.</summary>
public sealed record InstanceResult(
    Guid InstanceId,
    WorkflowStatus Status,
    IReadOnlyList<Guid> OpenTaskIds,
    JsonNode? Output,
    Incident? Incident)
{
    public static InstanceResult Of(WorkflowState state) => new(
        state.InstanceId,
        state.Status,
        state.Bookmarks.Where(b => b.Kind == BookmarkKind.HumanTask).Select(b => b.Id).ToList(),
        state.Output?.DeepClone(),
        state.Incident);
}
