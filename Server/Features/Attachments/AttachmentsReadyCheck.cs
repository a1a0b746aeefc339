using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>Ready also means the attachments table is migrated and the storage folder exists.</summary>
public sealed class AttachmentsReadyCheck(AttachmentsMigrator migrator, AttachmentStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(ct);
            if (pending.Count > 0) return HealthCheckResult.Unhealthy($"Attachment migrations not applied: {string.Join(", ", pending)}.");
            return Directory.Exists(storage.Root)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The attachments folder {storage.Root} does not exist.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The attachments check failed.", ex);
        }
    }
}
