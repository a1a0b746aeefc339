using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Once, on the start that introduced the evidence chain: every attachment stored before it gets its
/// <see cref="JournalKind.AttachmentAdded"/> entry in its case's journal, by the system, marked
/// <c>recordedAtUpgrade</c> with the original upload time, so that from then on its file is checked like any other.
/// (An upgrade cut short leaves the rest unrecorded, and verification names them as not in the journal.)
/// </summary>
public sealed class AttachmentEvidenceUpgrade(
    DatabaseMigrator migrator,
    IDbContextFactory<AttachmentsDbContext> contexts,
    WorkflowRuntime runtime,
    ILogger<AttachmentEvidenceUpgrade> logger)
{
    private const int Page = 500;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!migrator.ChainIntroducedThisRun) return;
        var recorded = 0;
        for (var skip = 0; ; skip += Page)
        {
            List<Attachment> page;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                page = await db.Attachments.AsNoTracking().OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Skip(skip).Take(Page).ToListAsync(ct);
            foreach (var attachment in page)
            {
                if (await runtime.Store.LoadAsync(attachment.InstanceId, ct) is null) continue;
                var data = AttachmentUploads.Recorded(attachment);
                data["recordedAtUpgrade"] = true;
                data["uploadedAt"] = attachment.UploadedAt.ToString("O");
                data["uploadedBy"] = attachment.UploadedByUserName;
                await runtime.RecordAsync(attachment.InstanceId, Actor.System, JournalKind.AttachmentAdded, attachment.FileName, data, ct: ct);
                recorded++;
            }
            if (page.Count < Page) break;
        }
        logger.LogInformation("Recorded {Count} attachments stored before the evidence chain in their cases' journals.", recorded);
    }
}
