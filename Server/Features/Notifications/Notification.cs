namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// One in-app notification for one user. (UserId, DedupKey) is unique: whatever produced it (a journal entry, a
/// deadline trigger, a recurring prompt) may run twice or on two nodes, and the user still sees it once.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>A <see cref="NotificationKinds"/> value.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? TaskId { get; set; }
    public required string DedupKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
