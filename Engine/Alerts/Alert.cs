namespace ConsultFlow.Engine.Alerts;

/// <summary>
/// A warning a process raises, e.g. when a statutory period passes with nothing decided. Alerts never decide anything;
/// they are journaled and delivered to the recipients (notifications are the scheduler issue's).
/// </summary>
public sealed record Alert(AlertLevel Level, IReadOnlyList<AlertRecipient> Notify, string Message)
{
    public Guid? TaskId { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? LegalBasis { get; init; }
}
