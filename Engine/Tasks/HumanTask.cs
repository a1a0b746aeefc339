using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Tasks;

/// <summary>
/// A unit of work for a person: assigned to an agency and a role, with a form, a due time and the outcomes the person
/// may choose. Its id is the id of the bookmark the instance waits on.
/// </summary>
public sealed record HumanTask
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public Guid? ScopeId { get; init; }
    public required LocalizedText Title { get; init; }
    public LocalizedText? Description { get; init; }
    public required string AssigneeAgency { get; init; }
    public required string AssigneeRole { get; init; }
    public FormSchema Form { get; init; } = FormSchema.Empty;
    public required IReadOnlyList<TaskOutcome> Outcomes { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? LegalBasis { get; init; }
    /// <summary>The calendar data the due time was computed with (e.g. "cn-2026@2025-11-04").</summary>
    public string? CalendarVersion { get; init; }
    /// <summary>The due time assumed plain Monday-Friday for a year whose holidays are not yet published.</summary>
    public bool DueEstimated { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Green, yellow (at most <paramref name="yellowShare"/> of the period left) or red (overdue); null without a due time.</summary>
    public Calendar.TrafficLight? TrafficLightAt(DateTimeOffset now, double yellowShare) =>
        DueAt is { } due && Status == HumanTaskStatus.Open ? Calendar.TrafficLights.Evaluate(CreatedAt, due, now, yellowShare) : null;
    public HumanTaskStatus Status { get; init; } = HumanTaskStatus.Open;
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public Actor? ClosedBy { get; init; }
    public string? Outcome { get; init; }
    public JsonObject? Data { get; init; }
    public string? Comment { get; init; }
}
