using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Runtime;

/// <summary>The task a HumanTask activity assigns; the runtime turns it into a <see cref="HumanTask"/> row.</summary>
public sealed record HumanTaskRequest(
    LocalizedText Title,
    string AssigneeAgency,
    string AssigneeRole,
    FormSchema Form,
    IReadOnlyList<TaskOutcome> Outcomes)
{
    public LocalizedText? Description { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? LegalBasis { get; init; }
    public string? CalendarVersion { get; init; }
    public bool DueEstimated { get; init; }
}
