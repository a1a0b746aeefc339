using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Notifications;
using Quartz;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// A task's deadline warnings: yellow (the profile's share of the period left), red (due), then reminders, each to the
/// users of the task's agency and role and to that agency's responsible leader (主管领导). A task no longer open
/// drops its jobs and tells no one.
/// </summary>
public sealed class TaskDeadlineJob(IInstanceStore store, Notifier notifier, ConsultFlowScheduler scheduler, DeploymentProfile profile,
    SchedulingOptions options, TimeProvider clock) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        var ct = context.CancellationToken;
        var key = context.JobDetail.Key;
        var taskId = Guid.Parse(key.Name);
        if (await store.GetTaskAsync(taskId, ct) is not { Status: HumanTaskStatus.Open, DueAt: { } due } task)
        {
            await scheduler.ForgetTaskAsync(taskId, ct);
            return;
        }
        var now = clock.GetUtcNow();
        var at = key.Group == ScheduleKeys.YellowGroup ? due - (due - task.CreatedAt) * profile.YellowShare : due;
        if (now < at)
        {
            if (key.Group != ScheduleKeys.ReminderGroup) await scheduler.AgainAfterAsync(key, at - now, ct);
            return;
        }
        NotificationDraft draft;
        if (key.Group == ScheduleKeys.YellowGroup)
        {
            // Past due already (the server was down through the yellow period): the red warning says it all.
            if (now >= due) return;
            draft = NotificationTexts.Yellow(task);
        }
        else if (key.Group == ScheduleKeys.RedGroup) draft = NotificationTexts.Red(task);
        else
        {
            var round = (long)((now - due) / TimeSpan.FromHours(Math.Max(options.ReminderIntervalHours, 0.001)));
            if (round < 1) return;
            draft = NotificationTexts.Reminder(task, round);
        }
        await notifier.NotifyAsync(draft,
            [new AlertRecipient(task.AssigneeAgency, task.AssigneeRole), new AlertRecipient(task.AssigneeAgency, DirectoryRoles.Leader)], ct);
    }
}
