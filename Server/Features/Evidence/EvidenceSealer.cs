using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// Seals the chains: every case whose journal grew since its last seal gets its head (length, hash) into a seal, whose
/// Merkle root, with the command record's head, is chained to the seal before and copied to the anchor file. Run by
/// Hangfire every minute (<see cref="EvidenceOptions.SealCron"/>) and before an evidence package is made. Sealing reads
/// heads and never blocks a step: a case that moves on meanwhile is simply sealed again next time.
/// </summary>
public sealed class EvidenceSealer(
    IDbContextFactory<WorkflowDbContext> contexts,
    AuditChain commands,
    ChainOptions chain,
    AnchorFile anchors,
    EvidenceOptions options,
    TimeProvider time,
    ILogger<EvidenceSealer> logger)
{
    public const string RecurringId = "consultflow-seal";
    private const int MaxAttempts = 10;

    /// <summary>Seals until nothing is left unsealed (at most 100 seals a run); returns how many were made.</summary>
    public async Task<int> SealPendingAsync(CancellationToken ct)
    {
        var made = 0;
        while (made < 100 && await SealOnceAsync(ct) is not null) made++;
        return made;
    }

    /// <summary>One seal over at most <see cref="EvidenceOptions.MaxCasesPerSeal"/> changed cases; null when nothing changed.</summary>
    public Task<EvidenceSeal?> SealOnceAsync(CancellationToken ct) => SealAsync(onlyCase: null, ct);

    /// <summary>
    /// A seal over one case's present head (null when its last seal already covers it), so that its evidence package
    /// can carry the seal that covers every entry in it.
    /// </summary>
    public Task<EvidenceSeal?> SealCaseAsync(Guid instanceId, CancellationToken ct) => SealAsync(instanceId, ct);

    private async Task<EvidenceSeal?> SealAsync(Guid? onlyCase, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var seal = await TrySealAsync(onlyCase, ct);
                if (seal is not null) await AnchorAsync(seal, ct);
                return seal;
            }
            catch (Exception ex) when (attempt < MaxAttempts && StoreErrors.IsConflict(ex))
            {
                // Another node sealed at the same moment and took the sequence: read again and seal what is left.
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), ct);
            }
        }
    }

    private async Task<EvidenceSeal?> TrySealAsync(Guid? onlyCase, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.Instances.AsNoTracking()
            .Where(i => i.ChainLength > i.SealedLength && i.ChainHead != null)
            .Where(i => onlyCase == null || i.Id == onlyCase)
            .OrderBy(i => i.Id)
            .Take(Math.Max(1, options.MaxCasesPerSeal))
            .Select(i => new { i.Id, i.ChainLength, i.ChainHead })
            .ToListAsync(ct);
        var commandsHead = await commands.HeadAsync(ct);
        var last = await db.Seals.AsNoTracking().OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(ct);
        if (changed.Count == 0 && (onlyCase is not null || (last?.CommandsLength ?? 0) == (commandsHead?.Sequence ?? 0))) return null;

        var sequence = (last?.Sequence ?? 0) + 1;
        var entries = changed.Select((c, position) => new SealEntry(sequence, position, c.Id, c.ChainLength, c.ChainHead!)).ToList();
        var seal = new EvidenceSeal
        {
            Sequence = sequence,
            At = CanonicalText.Truncate(time.GetUtcNow()),
            Algorithm = chain.Algorithm,
            CaseCount = entries.Count,
            Root = MerkleTree.Root(entries.Select(e => e.LeafHash(chain.Algorithm)).ToList(), chain.Algorithm),
            CommandsLength = commandsHead?.Sequence ?? 0,
            CommandsHead = commandsHead?.Hash,
            PreviousHash = last?.Hash ?? HashAlgorithms.GenesisHash,
        };
        seal = seal with { Hash = seal.ComputeHash() };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Seals.Add(seal);
        db.SealEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        foreach (var entry in entries)
        {
            // Never backwards: a slower sealer that read an older head must not undo a newer seal's mark.
            await db.Instances.Where(i => i.Id == entry.InstanceId && i.SealedLength < entry.Length)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.SealedLength, entry.Length), ct);
        }
        await transaction.CommitAsync(ct);
        return seal;
    }

    private async Task AnchorAsync(EvidenceSeal seal, CancellationToken ct)
    {
        try
        {
            await anchors.AppendAsync(EvidenceAnchor.Of(seal), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The seal stands in the database; the next one chains over it, and its anchor covers both.
            logger.LogError(ex, "Seal {Sequence} could not be written to the anchor file {Path}.", seal.Sequence, anchors.Path);
        }
    }
}
