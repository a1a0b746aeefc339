namespace ConsultFlow.Server.Features.Notifications;

/// <summary>Where a <see cref="NotificationDelivery"/> stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its job (or for the job's next retry after a failed attempt).</summary>
    Pending,
    Sent,
    /// <summary>Every attempt failed; an administrator may send it again.</summary>
    Failed,
}
