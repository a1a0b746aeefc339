using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.Timers;
using Hangfire;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Rebuilds the pending work from the database, the truth: every pending timer and open task with a due time gets its
/// jobs (those already there stay), and the next joint-consultation period its job. Runs at every node's start (the
/// in-memory storage of the embedded default starts empty) and as a recurring Hangfire job every
/// ConsultFlow:Scheduling:ReconcileMinutes, so work lost between a commit and its scheduling is found again.
/// </summary>
public sealed class DueWorkReconciler(
    ConsultFlowScheduler scheduler,
    IInstanceStore store,
    DeploymentProfile profile,
    SchedulingOptions options,
    TimeProvider clock,
    ILogger<DueWorkReconciler> logger)
{
    public const string RecurringId = "consultflow-reconcile";
    private const int Page = 500;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [JobDisplayName("从数据库重建待办调度")]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var timers = await store.FindDueTimersAsync(now.AddYears(200), int.MaxValue, ct);
        foreach (var timer in timers) PlanTimer(timer.BookmarkId, timer.DueAt!.Value);
        var tasks = 0;
        for (var skip = 0; ; skip += Page)
        {
            var page = await store.ListTasksAsync(new TaskQuery { Status = HumanTaskStatus.Open, Skip = skip, Take = Page }, ct);
            foreach (var task in page.Where(t => t.DueAt is not null))
            {
                PlanTask(task);
                tasks++;
            }
            if (page.Count < Page) break;
        }
        // The first prompt comes at the next period's start: a new installation is not told it is already behind.
        if (options.JointConsultation && JointConsultationPeriod.Months(profile) is { } months)
            JointConsultationJob.ScheduleNext(scheduler, JointConsultationPeriod.Of(now, months, profile.Name).End);
        logger.LogInformation("Scheduling reconciled from the database: {Timers} pending timer(s), {Tasks} open task(s) with a due time.", timers.Count, tasks);
    }

    public void PlanTimer(Guid bookmarkId, DateTimeOffset dueAt) => scheduler.Ensure(DueWorkKeys.ForTimer(bookmarkId), dueAt, FireTimerJob.For(bookmarkId));

    public void PlanTask(HumanTask task)
    {
        if (task.Status != HumanTaskStatus.Open)
        {
            foreach (var key in DueWorkKeys.ForTask(task.Id)) scheduler.Forget(key);
            return;
        }
        foreach (var (kind, at) in TaskDeadlineJob.Plan(task, profile.YellowShare, options.ReminderIntervalHours))
            scheduler.Ensure(DueWorkKeys.ForTask(kind, task.Id), at, TaskDeadlineJob.For(kind, task.Id), anyDueTime: kind == DueWorkKeys.Reminder);
    }
}
