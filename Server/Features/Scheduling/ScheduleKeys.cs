using Quartz;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Quartz job keys. A job's identity is the thing it is about (a bookmark, a task), so scheduling the same thing twice
/// (after every step, at every start, on two nodes) finds the job already there.
/// </summary>
public static class ScheduleKeys
{
    public const string TimerGroup = "timer";
    public const string YellowGroup = "task-yellow";
    public const string RedGroup = "task-red";
    public const string ReminderGroup = "task-reminder";
    public const string RecurringGroup = "recurring";

    public static JobKey Timer(Guid bookmarkId) => new(bookmarkId.ToString(), TimerGroup);

    public static IEnumerable<JobKey> Task(Guid taskId) =>
        [new(taskId.ToString(), YellowGroup), new(taskId.ToString(), RedGroup), new(taskId.ToString(), ReminderGroup)];

    public static JobKey JointConsultation { get; } = new("joint-consultation", RecurringGroup);

    public static JobKey Maintenance { get; } = new("maintenance", RecurringGroup);
}
