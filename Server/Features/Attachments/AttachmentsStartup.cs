namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Migrates the attachments table and creates the storage folder when the host starts. Hosted services registered with
/// the application's services start, in order, before the web server (WebApplicationBuilder adds the server's own
/// hosted service last), so no request reaches the endpoints before this has finished; a failure stops the start-up.
/// </summary>
public sealed class AttachmentsStartup(AttachmentsMigrator migrator, AttachmentStorage storage, AttachmentEvidenceUpgrade upgrade) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        storage.EnsureFolders();
        await migrator.MigrateAsync(ct);
        await upgrade.RunAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
