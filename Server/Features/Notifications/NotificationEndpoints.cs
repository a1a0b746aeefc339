namespace ConsultFlow.Server.Features.Notifications;

/// <summary>A user's in-app notifications and their unread count.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app) { }
}
