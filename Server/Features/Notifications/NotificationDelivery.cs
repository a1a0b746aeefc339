namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// One notification to be sent through one channel (table <c>notification_deliveries</c>): written with the in-app
/// notification, sent by a Hangfire job with retries and backoff, its failures kept here for the office to see.
/// </summary>
public sealed class NotificationDelivery
{
    public Guid Id { get; set; }
    public Guid NotificationId { get; set; }
    public required string Channel { get; set; }
    public required string UserId { get; set; }
    /// <summary>A <see cref="DeliveryStatus"/> name.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
