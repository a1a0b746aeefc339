using System.Globalization;
using ConsultFlow.Engine.Persistence.EntityFramework;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Due work (timers, deadline warnings, reminders, the joint-consultation rhythm) as Hangfire jobs, one per due item.
/// The engine's tables are the truth; jobs are derived from them after each step and again at every start, and every
/// job checks the truth before acting, so a job that is missing, doubled or stale costs nothing.
/// <para>
/// Each due item has a key (<see cref="DueWorkKeys"/>). Its Hangfire job is a delayed (scheduled) job, recorded in the
/// storage's hash <c>consultflow:due:{key}</c> and in the sorted set <c>consultflow:due</c> scored by the due time on
/// the server's <see cref="TimeProvider"/>. The <see cref="DuePump"/> moves the job to the queue when it is due by that
/// clock (Hangfire's own delayed-job poll is coarse and reads the system clock); moving it is a state change expected
/// from "Scheduled", which succeeds once whichever node (or Hangfire's own scheduler) tries, so a due item fires once.
/// </para>
/// </summary>
public sealed class ConsultFlowScheduler(JobStorage storage, SchedulingOptions options, PersistenceOptions persistence, TimeProvider clock,
    ILogger<ConsultFlowScheduler> logger)
{
    public const string DueSet = "consultflow:due";
    private const string HashPrefix = "consultflow:due:";
    private const string JobField = "job";
    private const string DueField = "dueAt";
    private const string DoneField = "done";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly HashSet<string> Pending = [ScheduledState.StateName, EnqueuedState.StateName, ProcessingState.StateName];
    private readonly BackgroundJobClient client = new(storage);

    /// <summary>When this node's scheduler started: a timer due before it was missed while the server was down.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    public bool Clustered => persistence.Provider == PersistenceProvider.Postgres;

    public bool IsRunning { get; private set; }

    public JobStorage Storage => storage;

    public void Start()
    {
        StartedAt = clock.GetUtcNow();
        IsRunning = true;
        logger.LogInformation("Scheduler started on Hangfire ({Store}).",
            Clustered ? $"PostgreSQL storage, schema {options.HangfireSchema}, shared by the nodes" : "in-memory storage, rebuilt from the database");
    }

    public void Stop() => IsRunning = false;

    /// <summary>
    /// Makes sure the due item has its job: one already there, pending or done for this due time, stays. With
    /// <paramref name="anyDueTime"/> (a reminder, whose rounds move its due time on) any pending job of the key will do.
    /// </summary>
    public void Ensure(string key, DateTimeOffset dueAt, Job job, bool anyDueTime = false)
    {
        using var connection = storage.GetConnection();
        if (Current(connection, key, dueAt, anyDueTime)) return;
        using (connection.AcquireDistributedLock(HashPrefix + key, LockTimeout))
        {
            if (Current(connection, key, dueAt, anyDueTime)) return;
            Create(connection, key, dueAt, job);
        }
    }

    /// <summary>A new job for the item whatever is recorded (a job run early by a foreign clock, the next reminder round).</summary>
    public void Reschedule(string key, DateTimeOffset dueAt, Job job)
    {
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock(HashPrefix + key, LockTimeout)) Create(connection, key, dueAt, job);
    }

    /// <summary>The job acted: the item is not scheduled again for this due time (the reconciler would otherwise).</summary>
    public void MarkDone(string key, bool forget)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        if (forget) transaction.RemoveHash(HashPrefix + key);
        else transaction.SetRangeInHash(HashPrefix + key, [new(DoneField, clock.GetUtcNow().ToString("O"))]);
        transaction.RemoveFromSet(DueSet, key);
        transaction.Commit();
    }

    /// <summary>Deletes the item's pending job (a task closed, so no warning is owed).</summary>
    public void Forget(string key)
    {
        using var connection = storage.GetConnection();
        if (connection.GetAllEntriesFromHash(HashPrefix + key) is { } hash && hash.TryGetValue(JobField, out var jobId)
            && StateOf(connection, jobId) is { } state && (state == ScheduledState.StateName || state == EnqueuedState.StateName))
            client.Delete(jobId);
        MarkDone(key, forget: true);
    }

    /// <summary>The job id of the item's pending job (scheduled, enqueued or running), or null.</summary>
    public string? PendingJob(string key)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(HashPrefix + key) is { } hash && hash.TryGetValue(JobField, out var jobId)
            && StateOf(connection, jobId) is { } state && Pending.Contains(state) ? jobId : null;
    }

    /// <summary>Enqueues the jobs of items due by the server's clock; returns how many this node enqueued.</summary>
    public int PromoteDue(int max)
    {
        var now = Score(clock.GetUtcNow());
        var promoted = 0;
        using var connection = storage.GetConnection();
        for (var i = 0; i < max; i++)
        {
            if (connection.GetFirstByLowestScoreFromSet(DueSet, double.MinValue, now) is not { } key) break;
            if (connection.GetAllEntriesFromHash(HashPrefix + key) is { } hash && hash.TryGetValue(JobField, out var jobId)
                && client.ChangeState(jobId, new EnqueuedState { Reason = "到期（按服务器时钟）" }, ScheduledState.StateName))
                promoted++;
            using var transaction = connection.CreateWriteTransaction();
            transaction.RemoveFromSet(DueSet, key);
            transaction.Commit();
        }
        return promoted;
    }

    private static bool Current(IStorageConnection connection, string key, DateTimeOffset dueAt, bool anyDueTime)
    {
        if (connection.GetAllEntriesFromHash(HashPrefix + key) is not { } hash) return false;
        if (!anyDueTime && (!hash.TryGetValue(DueField, out var due) || due != dueAt.ToString("O", CultureInfo.InvariantCulture))) return false;
        if (hash.TryGetValue(DoneField, out var done) && done.Length > 0) return true;
        // A failed job stays as it is: visible on the dashboard, retried by an operator, not re-created every pass.
        return hash.TryGetValue(JobField, out var jobId) && StateOf(connection, jobId) is { } state
            && (Pending.Contains(state) || state == FailedState.StateName);
    }

    private void Create(IStorageConnection connection, string key, DateTimeOffset dueAt, Job job)
    {
        // Hangfire's clock is the system clock; the server's may differ (tests move it). The job is scheduled at the
        // same distance from Hangfire's now, and the pump enqueues it when it is due by the server's clock.
        var hangfireAt = TimeProvider.System.GetUtcNow() + (dueAt - clock.GetUtcNow());
        var jobId = client.Create(job, new ScheduledState(hangfireAt.UtcDateTime) { Reason = $"到期：{key}" });
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(HashPrefix + key, [
            new(JobField, jobId), new(DueField, dueAt.ToString("O", CultureInfo.InvariantCulture)), new(DoneField, ""),
        ]);
        transaction.AddToSet(DueSet, key, Score(dueAt));
        transaction.Commit();
    }

    private static string? StateOf(IStorageConnection connection, string jobId) => connection.GetStateData(jobId)?.Name;

    private static double Score(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
