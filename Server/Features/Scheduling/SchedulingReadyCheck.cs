using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>Ready also means this node's scheduler runs: without it no deadline would fire.</summary>
public sealed class SchedulingReadyCheck(ConsultFlowScheduler scheduler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(scheduler.IsRunning
            ? HealthCheckResult.Healthy(scheduler.Clustered ? "Hangfire, PostgreSQL storage" : "Hangfire, in-memory storage")
            : HealthCheckResult.Unhealthy("The scheduler is not running."));
}
