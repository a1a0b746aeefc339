using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Not ready while the audit table is not migrated or the latest append failed (commands are then refused with 500,
/// so the node should leave the load balancer). Degraded, but serving, once appends succeed again after failures:
/// the failed commands' records are in the log and must be reconciled by an operator.
/// </summary>
public sealed class AuditHealthCheck(AuditHealth health, AuditMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (failing, failures, lastError, lastFailureAt) = health.Snapshot();
        var data = new Dictionary<string, object> { ["failedAppends"] = failures };
        if (lastFailureAt is { } at) data["lastFailureAt"] = at;
        if (failing) return HealthCheckResult.Unhealthy($"The last audit append failed: {lastError}", data: data);
        try
        {
            var pending = await migrator.PendingAsync(ct);
            if (pending.Count > 0) return HealthCheckResult.Unhealthy($"Audit migrations not applied: {string.Join(", ", pending)}.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The audit table cannot be checked.", ex, data);
        }
        return failures > 0
            ? HealthCheckResult.Degraded($"{failures} audit appends failed since start (last: {lastError}); their entries are in the log.", data: data)
            : HealthCheckResult.Healthy();
    }
}
