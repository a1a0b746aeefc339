namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Every ConsultFlow:Scheduling:PumpMilliseconds, enqueues the jobs of items due by the server's clock. Runs on every
/// node: the move from "Scheduled" to "Enqueued" succeeds once between them. Hangfire's own delayed-job scheduler stays
/// on as the fallback (15 s poll, system clock).
/// </summary>
public sealed class DuePump(ConsultFlowScheduler scheduler, SchedulingOptions options, TimeProvider clock, ILogger<DuePump> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.PumpMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more are due: go on at once.
                while (scheduler.IsRunning && scheduler.PromoteDue(Batch) >= Batch && !stoppingToken.IsCancellationRequested) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The due pump could not read the Hangfire storage; it tries again.");
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
