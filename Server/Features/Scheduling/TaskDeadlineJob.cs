using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Notifications;
using Hangfire;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// A task's deadline warnings: yellow (the profile's share of the period left), red (due), then reminders, each to the
/// users of the task's agency and role and to that agency's responsible leader (主管领导). A task no longer open
/// drops its jobs and tells no one.
/// </summary>
public sealed class TaskDeadlineJob(IInstanceStore store, Notifier notifier, ConsultFlowScheduler scheduler, DeploymentProfile profile,
    SchedulingOptions options, TimeProvider clock)
{
    public static Hangfire.Common.Job For(string kind, Guid taskId) =>
        Hangfire.Common.Job.FromExpression<TaskDeadlineJob>(j => j.RunAsync(kind, taskId, CancellationToken.None));

    /// <summary>When each warning of the task is due, by kind.</summary>
    public static IEnumerable<(string Kind, DateTimeOffset At)> Plan(HumanTask task, double yellowShare, double reminderHours)
    {
        if (task.DueAt is not { } due) yield break;
        var yellowAt = due - (due - task.CreatedAt) * yellowShare;
        if (yellowAt < due) yield return (DueWorkKeys.Yellow, yellowAt);
        yield return (DueWorkKeys.Red, due);
        if (reminderHours > 0) yield return (DueWorkKeys.Reminder, due + TimeSpan.FromHours(reminderHours));
    }

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 120, 600, 1800])]
    [JobDisplayName("任务期限提醒 {0} {1}")]
    public async Task RunAsync(string kind, Guid taskId, CancellationToken ct)
    {
        var key = DueWorkKeys.ForTask(kind, taskId);
        if (await store.GetTaskAsync(taskId, ct) is not { Status: HumanTaskStatus.Open, DueAt: { } due } task)
        {
            foreach (var other in DueWorkKeys.ForTask(taskId)) scheduler.Forget(other);
            return;
        }
        var now = clock.GetUtcNow();
        var at = Plan(task, profile.YellowShare, options.ReminderIntervalHours).FirstOrDefault(p => p.Kind == kind).At;
        if (at == default) return;
        if (now < at && kind != DueWorkKeys.Reminder)
        {
            scheduler.Reschedule(key, at, For(kind, taskId));
            return;
        }
        NotificationDraft? draft = null;
        if (kind == DueWorkKeys.Yellow)
        {
            // Past due already (the server was down through the yellow period): the red warning says it all.
            if (now < due) draft = NotificationTexts.Yellow(task);
        }
        else if (kind == DueWorkKeys.Red) draft = NotificationTexts.Red(task);
        else
        {
            var interval = TimeSpan.FromHours(Math.Max(options.ReminderIntervalHours, 0.001));
            var round = (long)((now - due) / interval);
            if (round >= 1) draft = NotificationTexts.Reminder(task, round);
            // The next round, one interval after this one; the hash keeps the reminder key, so a restart finds it.
            scheduler.Reschedule(key, due + interval * (Math.Max(round, 0) + 1), For(kind, taskId));
        }
        if (draft is not null)
            await notifier.NotifyAsync(draft,
                [new AlertRecipient(task.AssigneeAgency, task.AssigneeRole), new AlertRecipient(task.AssigneeAgency, DirectoryRoles.Leader)], ct);
        if (kind != DueWorkKeys.Reminder) scheduler.MarkDone(key, forget: false);
    }
}
