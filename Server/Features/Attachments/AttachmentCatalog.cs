using System.Data.Common;
using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>The attachment rows. Callers check that the case is visible before they show anything of it.</summary>
public sealed class AttachmentCatalog(IDbContextFactory<AttachmentsDbContext> contexts, PersistenceOptions persistence)
{
    public async Task<Attachment?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>A case's attachments, oldest first.</summary>
    public async Task<IReadOnlyList<Attachment>> ListAsync(Guid instanceId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Attachments.AsNoTracking().Where(a => a.InstanceId == instanceId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Adds the row on another context's connection, inside its transaction (the step recording the upload).</summary>
    public async Task AddAsync(Attachment attachment, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var options = AttachmentsDbContext.Configure(new DbContextOptionsBuilder<AttachmentsDbContext>(), persistence, connection);
        await using var db = new AttachmentsDbContext((DbContextOptions<AttachmentsDbContext>)options.Options);
        await db.Database.UseTransactionAsync(transaction, ct);
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Of the given values (a file field's attachment ids), those that are not attachments of this case — for task
    /// completion, so that a form cannot point at another case's evidence or at nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> NotOfCaseAsync(Guid instanceId, IEnumerable<string> ids, CancellationToken ct)
    {
        var values = ids.Distinct(StringComparer.Ordinal).ToList();
        var parsed = values.Select(v => Guid.TryParse(v, out var g) ? g : (Guid?)null).Where(g => g is not null).Select(g => g!.Value).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = parsed.Count == 0
            ? []
            : await db.Attachments.AsNoTracking().Where(a => a.InstanceId == instanceId && parsed.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        return values.Where(v => !Guid.TryParse(v, out var g) || !found.Contains(g)).ToList();
    }
}
