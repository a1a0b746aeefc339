using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Server.Features.Cases;

/// <summary>What the case endpoints answer. Agency and person names come from the directory where it knows them.</summary>
public static class CaseViews
{
    /// <summary>One page of a case list and how many cases the filters match in all.</summary>
    public sealed record CaseList(IReadOnlyList<CaseSummary> Items, int Total, int Skip, int Take);

    /// <summary>
    /// A case at a glance: its process, state, who started it, its open tasks and the earliest of their due times with
    /// that task's traffic light (null without a dated open task).
    /// </summary>
    public sealed record CaseSummary(
        Guid InstanceId,
        string ProcessId,
        string ProcessName,
        int Version,
        WorkflowStatus Status,
        string? CorrelationKey,
        string? StartedByAgency,
        string? StartedByAgencyName,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? CompletedAt,
        int OpenTaskCount,
        DateTimeOffset? NextDueAt,
        TrafficLight? TrafficLight);

    /// <summary>One case with everything a party follows it by.</summary>
    public sealed record CaseDetail(
        CaseSummary Summary,
        Actor? StartedBy,
        Guid? ParentInstanceId,
        Incident? Incident,
        IReadOnlyList<Participant> Participants,
        IReadOnlyList<OpenTask> OpenTasks,
        IReadOnlyList<CaseDeadline> Deadlines,
        IReadOnlyList<ClosedTask> ClosedTasks,
        IReadOnlyList<JournalEntry> Timeline);

    public enum ParticipantRelation
    {
        /// <summary>The agency of whoever started the case.</summary>
        Starter,
        /// <summary>An agency that was assigned a task in it (open or closed).</summary>
        Assignee,
    }

    public sealed record Participant(string Agency, string? Name, IReadOnlyList<ParticipantRelation> Relations);

    public sealed record OpenTask(
        Guid Id,
        string ActivityId,
        LocalizedText Title,
        LocalizedText? Description,
        string AssigneeAgency,
        string? AssigneeAgencyName,
        string AssigneeRole,
        string? ClaimedBy,
        string? ClaimedByName,
        IReadOnlyList<TaskOutcome> Outcomes,
        DateTimeOffset CreatedAt,
        DateTimeOffset? DueAt,
        bool DueEstimated,
        string? LegalBasis,
        string? CalendarVersion,
        TrafficLight? TrafficLight);

    public enum DeadlineSource
    {
        /// <summary>An open task's due time.</summary>
        Task,
        /// <summary>A timer the process waits on (a statutory period that runs by itself).</summary>
        Timer,
    }

    /// <summary>A due time still ahead of the case (or passed while it is still open), with its legal basis.</summary>
    public sealed record CaseDeadline(
        DeadlineSource Source,
        Guid Id,
        string ActivityId,
        LocalizedText Title,
        DateTimeOffset StartedAt,
        DateTimeOffset DueAt,
        bool Estimated,
        string? LegalBasis,
        string? CalendarVersion,
        TrafficLight TrafficLight);

    /// <summary>A task no longer open: how it ended, who closed it, and whether that was after its due time (<c>late</c>).</summary>
    public sealed record ClosedTask(
        Guid Id,
        string ActivityId,
        LocalizedText Title,
        string AssigneeAgency,
        string? AssigneeAgencyName,
        string AssigneeRole,
        HumanTaskStatus Status,
        string? Outcome,
        JsonObject? Data,
        string? Comment,
        string? ClaimedBy,
        DateTimeOffset CreatedAt,
        DateTimeOffset? DueAt,
        string? LegalBasis,
        DateTimeOffset? ClosedAt,
        Actor? ClosedBy,
        string? ClosedByName,
        bool Late);
}
