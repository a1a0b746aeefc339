using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Notifications;

namespace ConsultFlow.Server.Features.Timers;

/// <summary>
/// Every ConsultFlow:TimerPollSeconds: delivers resumes owed to parent instances (left by a crash between a child's
/// step and its parent's) and notifies from journal entries nobody has read yet. A hosted service on every node, not a
/// Hangfire recurring job: its cadence is seconds (cron's is a minute), both parts are safe to run on every node, and a
/// job record every few seconds would bury the dashboard's history.
/// </summary>
public sealed class MaintenanceService(WorkflowRuntime runtime, JournalNotifications journal, ConsultFlowOptions options, TimeProvider clock,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.TimerPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runtime.ProcessPendingResumesAsync(stoppingToken);
                await journal.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Maintenance (pending resumes, journal notifications) failed; it runs again.");
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
