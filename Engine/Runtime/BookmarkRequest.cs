using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// A bookmark an activity wants created. A request carrying a <see cref="Task"/> also assigns that task (the task's id
/// is the bookmark's id).
/// </summary>
public sealed record BookmarkRequest(BookmarkKind Kind)
{
    /// <summary>Set when the activity must know the id in advance (a child instance that will resume it).</summary>
    public Guid? Id { get; init; }
    public Guid? ChildInstanceId { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? MessageName { get; init; }
    public string? CorrelationKey { get; init; }
    public JsonNode? Payload { get; init; }
    public HumanTaskRequest? Task { get; init; }
}
