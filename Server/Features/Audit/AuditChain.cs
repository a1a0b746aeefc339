using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Appends rows to the hash chain and verifies it. Each row's hash covers the previous row's hash and all of its own
/// fields (<see cref="AuditCanonicalForm"/>), so changing, removing or reordering any row breaks the chain from there on.
/// </summary>
public sealed class AuditChain(IDbContextFactory<AuditDbContext> contexts, AuditOptions options, TimeProvider time, ILogger<AuditChain> logger)
{
    public const int MaxAttempts = 10;

    /// <summary>Rows read per query while verifying, so that a long chain is never loaded whole.</summary>
    internal int VerifyBatchSize { get; init; } = 1000;

    // Serialises appends across every node on one PostgreSQL database; any constant nothing else uses will do.
    private const long PostgresAppendLockKey = 0x4366417564697441; // "CfAuditA"

    /// <summary>
    /// Appends <paramref name="entry"/> as the next row. Appends are serialised by the database (PostgreSQL: a
    /// transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE, the file's single writer lock), so the last row read
    /// inside the transaction is still the last when the new one is inserted: no two rows get the same sequence and the
    /// chain never forks. Should a writer bypass the lock, the primary key refuses the duplicate and the append is retried.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        var content = new AuditRecord
        {
            UserId = entry.UserId,
            UserName = entry.UserName,
            Agency = entry.Agency,
            Roles = AuditJson.Roles(entry.Roles),
            Action = entry.Action,
            Target = entry.Target,
            BeforeJson = AuditJson.Normalize(entry.BeforeJson),
            AfterJson = AuditJson.Normalize(entry.AfterJson),
            Algorithm = options.Algorithm,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AppendOnceAsync(content, ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && StoreErrors.IsConflict(ex))
            {
                logger.LogDebug(ex, "Audit append conflicted (attempt {Attempt}); retrying.", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * attempt)), ct);
            }
        }
    }

    private async Task<AuditRecord> AppendOnceAsync(AuditRecord content, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await BeginSerializedAsync(db, ct);

        var last = await db.Records.AsNoTracking()
            .OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash })
            .FirstOrDefaultAsync(ct);
        var record = content with
        {
            Sequence = (last?.Sequence ?? 0) + 1,
            // Read under the lock, so times never go backwards along the chain written by one node.
            At = AuditCanonicalForm.Truncate(time.GetUtcNow()),
            PreviousHash = last?.Hash ?? HashAlgorithms.GenesisHash,
        };
        record = record with { Hash = AuditCanonicalForm.Hash(record) };

        db.Records.Add(record);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return record;
    }

    private static async Task<DbTransaction> BeginSerializedAsync(AuditDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        DbTransaction transaction;
        if (connection is SqliteConnection sqlite)
        {
            // IMMEDIATE takes the write lock now, before the last row is read (waiting up to the busy timeout), instead
            // of at the insert, when another writer may already have read the same last row.
            transaction = sqlite.BeginTransaction(deferred: false);
            await db.Database.UseTransactionAsync(transaction, ct);
            return transaction;
        }
        transaction = await connection.BeginTransactionAsync(ct);
        await db.Database.UseTransactionAsync(transaction, ct);
        // Released by the commit or rollback; a crashed node's lock goes with its connection.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAppendLockKey})", ct);
        return transaction;
    }

    /// <summary>
    /// Walks the chain from row 1 and stops at the first row that is out of order or missing (by sequence), that does
    /// not follow the row before it (previous hash) or whose content no longer matches its hash.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var expected = 1L;
        var previousHash = HashAlgorithms.GenesisHash;
        var lastSeen = long.MinValue;
        while (true)
        {
            var seen = lastSeen;
            var batch = await db.Records.AsNoTracking()
                .Where(r => r.Sequence > seen)
                .OrderBy(r => r.Sequence)
                .Take(VerifyBatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return AuditVerification.Intact(expected - 1, expected > 1 ? expected - 1 : null, expected > 1 ? previousHash : null);
            }
            foreach (var row in batch)
            {
                var intact = expected - 1;
                if (row.Sequence < expected)
                {
                    return AuditVerification.Broken(intact, row.Sequence, AuditFault.Reordered,
                        $"Row {row.Sequence} is out of order: the chain starts at 1 and row {expected} was expected.");
                }
                if (row.Sequence > expected)
                {
                    return AuditVerification.Broken(intact, expected, AuditFault.Removed,
                        $"Row {expected} was removed: the chain jumps from {(expected == 1 ? "its start" : $"row {expected - 1}")} to row {row.Sequence}.");
                }
                if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    return AuditVerification.Broken(intact, row.Sequence, AuditFault.Reordered, expected == 1
                        ? "Row 1 does not start the chain: its previous hash is not the genesis value."
                        : $"Row {row.Sequence} does not follow row {expected - 1}: it names previous hash {row.PreviousHash}, " +
                          $"but row {expected - 1} hashes to {previousHash}. Rows were reordered, or row {expected - 1} was replaced and re-hashed.");
                }
                if (!HashAlgorithms.IsKnown(row.Algorithm))
                {
                    return AuditVerification.Broken(intact, row.Sequence, AuditFault.Changed,
                        $"Row {row.Sequence} was changed: it names an unknown hash algorithm '{row.Algorithm}'.");
                }
                var hash = AuditCanonicalForm.Hash(row);
                if (!string.Equals(hash, row.Hash, StringComparison.Ordinal))
                {
                    return AuditVerification.Broken(intact, row.Sequence, AuditFault.Changed,
                        $"Row {row.Sequence} was changed: its content hashes to {hash}, not to the stored {row.Hash}.");
                }
                previousHash = row.Hash;
                lastSeen = row.Sequence;
                expected++;
            }
        }
    }

    /// <summary>The last row's sequence and hash, or null while the record is empty.</summary>
    public async Task<AuditHead?> HeadAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Records.AsNoTracking().OrderByDescending(r => r.Sequence)
            .Select(r => new AuditHead(r.Sequence, r.Hash)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The stored hash of row <paramref name="sequence"/>, or null when there is no such row.</summary>
    public async Task<string?> HashAtAsync(long sequence, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Records.AsNoTracking().Where(r => r.Sequence == sequence).Select(r => r.Hash).FirstOrDefaultAsync(ct);
    }

    /// <summary>Rows after <paramref name="after"/> in sequence order, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(long after, int take, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Records.AsNoTracking().Where(r => r.Sequence > after).OrderBy(r => r.Sequence).Take(take).ToListAsync(ct);
    }
}
