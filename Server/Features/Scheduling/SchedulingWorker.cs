using ConsultFlow.Server.Features.Evidence;
using ConsultFlow.Server.Features.Notifications;
using Hangfire;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Starts this node's scheduler and rebuilds its pending work from the database before the server takes requests
/// (hosted services start before the web server), registers the recurring reconciliation and sealing, then plans each committed
/// step's timers and task deadlines as they come.
/// </summary>
public sealed class SchedulingWorker(
    ConsultFlowScheduler scheduler,
    DueWorkReconciler reconciler,
    SchedulingSignals signals,
    JournalNotifications journal,
    SchedulingOptions options,
    EvidenceOptions evidence,
    NotificationDeliveries deliveries,
    ILogger<SchedulingWorker> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken ct)
    {
        await journal.InitializeAsync(ct);
        scheduler.Start();
        await reconciler.RunAsync(ct);
        // In-memory job storage starts empty: the deliveries still owed are in the database.
        if (!scheduler.Clustered) await deliveries.RequeuePendingAsync(ct);
        new RecurringJobManager(scheduler.Storage).AddOrUpdate<DueWorkReconciler>(DueWorkReconciler.RecurringId,
            r => r.RunAsync(CancellationToken.None), $"*/{Math.Clamp(options.ReconcileMinutes, 1, 59)} * * * *");
        new RecurringJobManager(scheduler.Storage).AddOrUpdate<EvidenceSealer>(EvidenceSealer.RecurringId,
            s => s.SealPendingAsync(CancellationToken.None), evidence.SealCron);
        await base.StartAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        scheduler.Stop();
        await base.StopAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in signals.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                foreach (var timer in work.Timers) reconciler.PlanTimer(timer.BookmarkId, timer.DueAt);
                foreach (var task in work.Tasks) reconciler.PlanTask(task);
                if (work.NotifiableJournal) await journal.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reconciler finds it again (at the next start and every few minutes); maintenance reads the journal.
                logger.LogError(ex, "Scheduling a committed step failed.");
            }
        }
    }
}
