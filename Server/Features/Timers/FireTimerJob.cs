using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.Notifications;
using ConsultFlow.Server.Features.Scheduling;
using Quartz;

namespace ConsultFlow.Server.Features.Timers;

/// <summary>
/// Fires one timer bookmark (a Timer activity, a task's expiry or overdue alert, a yearly recurring report). The engine
/// decides: a timer already fired (by another node, or before a crash) or no longer waited on changes nothing. A fire
/// later than its due time is journaled with the reason: missed while the server was down, or a delayed scheduler.
/// </summary>
public sealed class FireTimerJob(WorkflowRuntime runtime, ConsultFlowScheduler scheduler, SchedulingOptions options, TimeProvider clock,
    ILogger<FireTimerJob> logger) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        var ct = context.CancellationToken;
        var bookmarkId = Guid.Parse(context.JobDetail.Key.Name);
        if (await runtime.Store.FindInstanceByBookmarkAsync(bookmarkId, ct) is not { } instanceId) return;
        var snapshot = await runtime.Store.LoadAsync(instanceId, ct);
        if (snapshot?.State.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId && b.Kind == BookmarkKind.Timer) is not { DueAt: { } due }) return;
        var now = clock.GetUtcNow();
        if (due > now)
        {
            await scheduler.AgainAfterAsync(context.JobDetail.Key, due - now, ct);
            return;
        }
        var reason = due < scheduler.StartedAt
            ? $"补发：到期时（{NotificationTexts.Beijing(due)}）服务未运行（停机），于服务启动后（{NotificationTexts.Beijing(scheduler.StartedAt)}）补发。"
              + " Fired late: the server was down when the timer was due; fired once after start-up."
            : $"延迟：到期（{NotificationTexts.Beijing(due)}）后调度器未能按时执行，于{NotificationTexts.Beijing(now)}触发。"
              + " Fired late: the scheduler ran behind its due time.";
        if (await runtime.FireTimerAsync(bookmarkId, TimeSpan.FromSeconds(options.LateAfterSeconds), reason, ct))
            logger.LogInformation("Fired timer {Bookmark} of instance {Instance} (due {Due:O}).", bookmarkId, instanceId, due);
    }
}
