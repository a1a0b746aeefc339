namespace ConsultFlow.Server.Features.Notifications;

/// <summary>A user a notification goes to, with what the channels need to reach them outside the application.</summary>
public sealed record NotificationRecipient(string UserId, string UserName, string DisplayName, string? Email, string? Phone);
