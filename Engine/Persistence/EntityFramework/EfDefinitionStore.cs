using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary><see cref="IDefinitionStore"/> over EF Core, one short-lived context per call.</summary>
public sealed class EfDefinitionStore(IDbContextFactory<WorkflowDbContext> contextFactory) : IDefinitionStore
{
    public async Task<DefinitionRecord?> GetAsync(string definitionId, int version, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.Definitions.AsNoTracking()
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct);
        return row is null ? null : RowMapping.ToRecord(row);
    }

    public async Task<IReadOnlyList<DefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .OrderBy(d => d.Version)
            .ToListAsync(ct);
        return rows.Select(RowMapping.ToRecord).ToList();
    }

    /// <summary>Ordered by definition id.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(o => o.DefinitionId == d.DefinitionId).Max(o => o.Version))
            .OrderBy(d => d.DefinitionId)
            .ToListAsync(ct);
        return rows.Select(RowMapping.ToRecord).ToList();
    }

    /// <summary>
    /// With <paramref name="expectedRevision"/> null, inserts <paramref name="record"/> at revision 1 (the version must
    /// be new); otherwise updates it from <paramref name="expectedRevision"/> to the next revision. Either way a lost
    /// race throws <see cref="ConcurrencyConflictException"/>. Returns the record with its new revision.
    /// </summary>
    public async Task<DefinitionRecord> SaveAsync(DefinitionRecord record, long? expectedRevision, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = RowMapping.ToRow(record, (expectedRevision ?? 0) + 1);
        try
        {
            if (expectedRevision is not { } expected)
            {
                db.Definitions.Add(row);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // created_at is left as it was: it records when the version was first saved.
                var updated = await db.Definitions
                    .Where(d => d.DefinitionId == row.DefinitionId && d.Version == row.Version && d.Revision == expected)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(d => d.Status, row.Status)
                        .SetProperty(d => d.Name, row.Name)
                        .SetProperty(d => d.Json, row.Json)
                        .SetProperty(d => d.UpdatedAt, row.UpdatedAt)
                        .SetProperty(d => d.PublishedAt, row.PublishedAt)
                        .SetProperty(d => d.RetractedAt, row.RetractedAt)
                        .SetProperty(d => d.Revision, row.Revision), ct);
                if (updated == 0)
                {
                    throw new ConcurrencyConflictException(
                        $"Definition {row.DefinitionId} v{row.Version} is no longer at revision {expected} (or does not exist).");
                }
            }
        }
        catch (Exception ex) when (StoreErrors.IsConflict(ex))
        {
            throw new ConcurrencyConflictException(
                $"Definition {row.DefinitionId} v{row.Version} was saved by someone else first.", ex);
        }
        return record with { Revision = row.Revision };
    }
}
