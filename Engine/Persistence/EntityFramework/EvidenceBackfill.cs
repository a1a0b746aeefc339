using ConsultFlow.Engine.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// Chains the journal written before the chain existed (migration 0006): each such case's entries are hashed in place,
/// in sequence order, as they are stored; nothing in them changes and nothing is added. Runs at every start-up and
/// finds nothing once done, so an upgrade cut short resumes where it stopped (one case per transaction). A case whose
/// head is already set is never touched again.
/// </summary>
public static class EvidenceBackfill
{
    public const int CasesPerQuery = 200;

    public static async Task<int> RunAsync(IDbContextFactory<WorkflowDbContext> contexts, string algorithm, CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            List<Guid> cases;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                cases = await db.Instances.AsNoTracking()
                    .Where(i => i.ChainLength == 0 && db.Journal.Any(j => j.InstanceId == i.Id && j.Hash == null))
                    .OrderBy(i => i.Id).Select(i => i.Id).Take(CasesPerQuery).ToListAsync(ct);
            }
            if (cases.Count == 0) return done;
            foreach (var instanceId in cases)
            {
                await ChainCaseAsync(contexts, instanceId, algorithm, ct);
                done++;
            }
        }
    }

    private static async Task ChainCaseAsync(IDbContextFactory<WorkflowDbContext> contexts, Guid instanceId, string algorithm, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(ct);
        var hash = HashAlgorithms.GenesisHash;
        foreach (var row in rows)
        {
            var linked = CaseChainForm.Link(RowMapping.ToChainRow(row), hash, algorithm);
            RowMapping.CopyChain(linked, row);
            hash = linked.Hash;
        }
        await db.SaveChangesAsync(ct);
        // Only if no step got there first (a step on an unchained case starts from length 0 too, and would have failed).
        await db.Instances.Where(i => i.Id == instanceId && i.ChainLength == 0)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.ChainLength, rows[^1].Sequence).SetProperty(i => i.ChainHead, hash), ct);
        await transaction.CommitAsync(ct);
    }
}
