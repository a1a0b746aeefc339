namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>
/// A row of <c>outbox_messages</c>: written with the step, claimed by one relay at a time (a lease until
/// <see cref="ClaimedUntil"/>), and marked sent once the broker confirmed it.
/// </summary>
public sealed class OutboxRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string MessageType { get; set; }
    public string? Destination { get; set; }
    public required string PayloadJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
