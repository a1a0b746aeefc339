using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.Notifications;
using ConsultFlow.Server.Features.Scheduling;
using Hangfire;

namespace ConsultFlow.Server.Features.Timers;

/// <summary>
/// Fires one timer bookmark (a Timer activity, a task's expiry or overdue alert, a yearly recurring report). The engine
/// decides: a timer already fired (by another node, or before a crash) or no longer waited on changes nothing. A fire
/// later than its due time is journaled with the reason: missed while the server was down, or a delayed scheduler.
/// </summary>
public sealed class FireTimerJob(WorkflowRuntime runtime, ConsultFlowScheduler scheduler, SchedulingOptions options, TimeProvider clock,
    ILogger<FireTimerJob> logger)
{
    public static Hangfire.Common.Job For(Guid bookmarkId) => Hangfire.Common.Job.FromExpression<FireTimerJob>(j => j.RunAsync(bookmarkId, CancellationToken.None));

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600])]
    [JobDisplayName("定时器到期 {0}")]
    public async Task RunAsync(Guid bookmarkId, CancellationToken ct)
    {
        var key = DueWorkKeys.ForTimer(bookmarkId);
        if (await runtime.Store.FindInstanceByBookmarkAsync(bookmarkId, ct) is not { } instanceId)
        {
            scheduler.MarkDone(key, forget: true);
            return;
        }
        var snapshot = await runtime.Store.LoadAsync(instanceId, ct);
        if (snapshot?.State.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId && b.Kind == BookmarkKind.Timer) is not { DueAt: { } due })
        {
            scheduler.MarkDone(key, forget: true);
            return;
        }
        var now = clock.GetUtcNow();
        if (due > now)
        {
            // Enqueued before its time by a clock other than the server's (an operator's "run now" on the dashboard).
            scheduler.Reschedule(key, due, For(bookmarkId));
            return;
        }
        var reason = due < scheduler.StartedAt
            ? $"补发：到期时（{NotificationTexts.Beijing(due)}）服务未运行（停机），于服务启动后（{NotificationTexts.Beijing(scheduler.StartedAt)}）补发。"
              + " Fired late: the server was down when the timer was due; fired once after start-up."
            : $"延迟：到期（{NotificationTexts.Beijing(due)}）后调度器未能按时执行，于{NotificationTexts.Beijing(now)}触发。"
              + " Fired late: the scheduler ran behind its due time.";
        if (await runtime.FireTimerAsync(bookmarkId, TimeSpan.FromSeconds(options.LateAfterSeconds), reason, ct))
            logger.LogInformation("Fired timer {Bookmark} of instance {Instance} (due {Due:O}).", bookmarkId, instanceId, due);
        scheduler.MarkDone(key, forget: true);
    }
}
