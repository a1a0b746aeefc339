using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>A user's in-app notifications and their unread count.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();

        group.MapGet("", async (HttpContext http, IDbContextFactory<NotificationsDbContext> contexts, string? unreadOnly, string? limit, CancellationToken ct) =>
        {
            var take = Limit(limit);
            var onlyUnread = Flag(unreadOnly, "unreadOnly");
            var userId = CurrentUser.Of(http.User).Id;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
            if (onlyUnread) query = query.Where(n => n.ReadAt == null);
            var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(ct);
            return rows.Select(NotificationView.Of).ToList();
        }).WithDescription("The signed-in user's notifications, newest first (unreadOnly=true, limit 1-200, default 50).");

        group.MapGet("/unread-count", async (HttpContext http, IDbContextFactory<NotificationsDbContext> contexts, CancellationToken ct) =>
        {
            var userId = CurrentUser.Of(http.User).Id;
            await using var db = await contexts.CreateDbContextAsync(ct);
            return new { count = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct) };
        });

        group.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, IDbContextFactory<NotificationsDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            var userId = CurrentUser.Of(http.User).Id;
            await using var db = await contexts.CreateDbContextAsync(ct);
            // Someone else's notification is as absent as one that never existed.
            var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, ct)
                ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no notification {id}.");
            notification.ReadAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return NotificationView.Of(notification);
        });

        group.MapPost("/read-all", async (HttpContext http, IDbContextFactory<NotificationsDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            var userId = CurrentUser.Of(http.User).Id;
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(ct);
            var marked = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            return new { marked };
        });
    }

    private static bool Flag(string? text, string parameter) =>
        text is null ? false
        : bool.TryParse(text, out var value) ? value
        : throw new EngineException(EngineErrorCode.Invalid, $"'{text}' is not a valid {parameter}.", [new(parameter, "Use true or false.")]);

    private static int Limit(string? text)
    {
        if (text is null) return 50;
        return int.TryParse(text, out var value) && value is >= 1 and <= 200
            ? value
            : throw new EngineException(EngineErrorCode.Invalid, $"'{text}' is not a valid limit.", [new("limit", "A whole number from 1 to 200.")]);
    }
}
