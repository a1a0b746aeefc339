namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// The identity of each due item, derived from the thing it is about (a bookmark, a task's warning, a period), so that
/// scheduling it again (after every step, at every start, on another node) finds the Hangfire job already there.
/// </summary>
public static class DueWorkKeys
{
    public const string Timer = "timer";
    public const string Yellow = "task-yellow";
    public const string Red = "task-red";
    public const string Reminder = "task-reminder";
    public const string Joint = "joint-consultation";

    public static string ForTimer(Guid bookmarkId) => $"{Timer}:{bookmarkId}";

    public static string ForTask(string kind, Guid taskId) => $"{kind}:{taskId}";

    public static IEnumerable<string> ForTask(Guid taskId) => [ForTask(Yellow, taskId), ForTask(Red, taskId), ForTask(Reminder, taskId)];

    public static string ForJointPeriod(DateTimeOffset periodStart) => $"{Joint}:{periodStart.UtcDateTime:yyyyMMddHHmm}";
}
