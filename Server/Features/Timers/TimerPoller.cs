using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Server.Features.Timers;

/// <summary>
/// Fires due timers and delivers resumes owed to parent instances, every few seconds. A simple in-process poller:
/// the clustered Quartz scheduler replaces it (issue "Durable, clustered scheduling").
/// </summary>
public sealed class TimerPoller(WorkflowRuntime runtime, ConsultFlowOptions options, TimeProvider clock, ILogger<TimerPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.TimerPollSeconds)), clock);
        do
        {
            try
            {
                await runtime.ProcessPendingResumesAsync(stoppingToken);
                var fired = await runtime.FireDueTimersAsync(stoppingToken);
                if (fired > 0) logger.LogInformation("Fired {Count} due timer(s).", fired);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer poll failed; trying again at the next tick.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
