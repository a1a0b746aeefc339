using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// Notifications that did not get out by e-mail (or any other channel): the coordination office and administrators see
/// them (so a silent failure does not leave someone uninformed); administrators send one again.
/// </summary>
public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notification-deliveries").WithTags("Notifications").RequireAuthorization();

        group.MapGet("", async (string? status, int? take, HttpContext http, CaseAccess access, IDbContextFactory<NotificationsDbContext> contexts, CancellationToken ct) =>
        {
            if (!access.SeesAllCases(CurrentUser.Of(http.User)))
                throw new ForbiddenException(Engine.Text.Bilingual.Say("只有会商工作办公室和管理员查看通知发送情况。", "Only the coordination office and administrators see deliveries."));
            var wanted = status switch
            {
                null or "" or "failed" => null,
                _ when Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var s) => s.ToString(),
                _ => throw new EngineException(EngineErrorCode.Invalid, Engine.Text.Bilingual.Say("发送状态不正确。", "Unknown status."),
                    [new("status", Engine.Text.Bilingual.Say("可选：failed（失败或重试中，默认）、pending、sent。", "One of failed (default: failed or retrying), pending, sent."))]),
            };
            await using var db = await contexts.CreateDbContextAsync(ct);
            var deliveries = db.Deliveries.AsNoTracking();
            // "failed" means what needs attention: given up, or failed at least once and waiting for a retry.
            deliveries = wanted is null
                ? deliveries.Where(d => d.Status == nameof(DeliveryStatus.Failed) || (d.Status == nameof(DeliveryStatus.Pending) && d.Attempts > 0))
                : deliveries.Where(d => d.Status == wanted);
            return await deliveries.OrderByDescending(d => d.CreatedAt).Take(Math.Clamp(take ?? 100, 1, 500))
                .Join(db.Notifications, d => d.NotificationId, n => n.Id, (d, n) => new DeliveryView(d.Id, d.Channel, d.UserId, d.Status, d.Attempts,
                    d.LastError, d.CreatedAt, d.LastAttemptAt, d.SentAt, n.Id, n.Kind, n.Title, n.CaseId))
                .ToListAsync(ct);
        }).WithDescription("Deliveries needing attention (status=failed, the default), or pending / sent ones; take 1-500.");

        group.MapPost("/{id:guid}/retry", async (Guid id, HttpContext http, NotificationDeliveries deliveries, CancellationToken ct) =>
        {
            if (!CurrentUser.Of(http.User).IsAdministrator)
                throw new ForbiddenException(Engine.Text.Bilingual.Say("只有管理员可以重新发送通知。", "Only administrators send a delivery again."));
            var delivery = await deliveries.RetryAsync(id, ct)
                ?? throw new EngineException(EngineErrorCode.NotFound, Engine.Text.Bilingual.Say($"没有发送记录 {id}。", $"There is no delivery {id}."));
            return new { delivery.Id, delivery.Status };
        });
    }
}
