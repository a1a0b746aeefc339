namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// Checks one case's journal entry by entry, in sequence order, without holding them all: <see cref="Next"/> for each
/// row, then <see cref="Finish"/> with the head the case row records and, when one covers the case, its seal. The first
/// finding is final; later rows are not looked at.
/// </summary>
public sealed class CaseChainWalk(Guid instanceId)
{
    public const string Table = "journal";

    private long expected = 1;
    private string previousHash = HashAlgorithms.GenesisHash;

    // Entry n's hash at [n - 1], for the seal check (a case's journal is hundreds of entries, not millions).
    private readonly List<string> hashes = [];

    public ChainFinding? Finding { get; private set; }

    /// <summary>Entries checked and intact.</summary>
    public long Length => expected - 1;

    public string Head => previousHash;

    /// <summary>The hash of intact entry <paramref name="sequence"/>, or null beyond the intact ones.</summary>
    public string? HashAt(long sequence) => sequence >= 1 && sequence <= hashes.Count ? hashes[(int)(sequence - 1)] : null;

    public ChainFinding? Next(CaseChainRow row)
    {
        if (Finding is not null) return Finding;
        if (row.Sequence > expected)
        {
            return Fail(ChainFault.Removed, expected,
                $"案件 {instanceId} 的记录第 {expected} 条被删除：记录从{(expected == 1 ? "开头" : $"第 {expected - 1} 条")}跳到第 {row.Sequence} 条。",
                $"Entry {expected} of case {instanceId} was removed: the journal jumps from {(expected == 1 ? "its start" : $"entry {expected - 1}")} to entry {row.Sequence}.");
        }
        if (row.Sequence < expected)
        {
            return Fail(ChainFault.Inserted, row.Sequence,
                $"案件 {instanceId} 的记录第 {row.Sequence} 条出现两次。",
                $"Entry {row.Sequence} of case {instanceId} appears twice.");
        }
        if (!HashAlgorithms.IsKnown(row.Algorithm))
        {
            return Fail(ChainFault.Changed, row.Sequence,
                $"案件 {instanceId} 的记录第 {row.Sequence} 条被改动：其哈希算法“{row.Algorithm}”不明。",
                $"Entry {row.Sequence} of case {instanceId} was changed: it names an unknown hash algorithm '{row.Algorithm}'.");
        }
        var hash = CaseChainForm.Hash(row);
        if (!string.Equals(hash, row.Hash, StringComparison.Ordinal))
        {
            return Fail(ChainFault.Changed, row.Sequence,
                $"案件 {instanceId} 的记录第 {row.Sequence} 条（{row.Kind}）被改动：内容的哈希为 {hash}，而非保存的 {row.Hash}。",
                $"Entry {row.Sequence} ({row.Kind}) of case {instanceId} was changed: its content hashes to {hash}, not to the stored {row.Hash}.");
        }
        if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return Fail(ChainFault.Reordered, row.Sequence,
                $"案件 {instanceId} 的记录第 {row.Sequence} 条不接续第 {row.Sequence - 1} 条：记录被调换顺序、替换或插入。",
                $"Entry {row.Sequence} of case {instanceId} does not follow entry {row.Sequence - 1}: entries were reordered, replaced or inserted.");
        }
        hashes.Add(row.Hash);
        previousHash = row.Hash;
        expected++;
        return null;
    }

    /// <summary>
    /// After the last row: the case row's head (<paramref name="headLength"/>, <paramref name="headHash"/>) must be where
    /// the walk ended, and a seal's (<paramref name="sealedLength"/>, <paramref name="sealedHash"/>) must lie on it.
    /// </summary>
    public ChainFinding? Finish(long headLength, string? headHash, long? sealedLength = null, string? sealedHash = null)
    {
        if (Finding is not null) return Finding;
        if (sealedLength is { } sealedAt && sealedAt > Length)
        {
            return Fail(ChainFault.Truncated, Length + 1,
                $"案件 {instanceId} 的记录自第 {Length + 1} 条起缺失：封存时已有 {sealedAt} 条，现在只有 {Length} 条。",
                $"Entries of case {instanceId} from {Length + 1} on are missing: it had {sealedAt} when sealed, now {Length}.");
        }
        if (sealedLength is { } position && sealedHash is not null && position > 0
            && !string.Equals(HashAt(position), sealedHash, StringComparison.Ordinal))
        {
            return Fail(ChainFault.Changed, position,
                $"案件 {instanceId} 的记录在封存后被重写：第 {position} 条的哈希与封存值 {sealedHash} 不符。",
                $"Entries of case {instanceId} were rewritten after they were sealed: entry {position} no longer hashes to the sealed {sealedHash}.");
        }
        if (headLength > Length)
        {
            return Fail(ChainFault.Truncated, Length + 1,
                $"案件 {instanceId} 的记录自第 {Length + 1} 条起缺失：案件记载共 {headLength} 条，现在只有 {Length} 条。",
                $"Entries of case {instanceId} from {Length + 1} on are missing: the case records {headLength}, there are {Length}.");
        }
        if (headLength < Length)
        {
            return Fail(ChainFault.Inserted, headLength + 1,
                $"案件 {instanceId} 的记录第 {headLength + 1} 条是插入的：案件记载共 {headLength} 条，现在有 {Length} 条。",
                $"Entry {headLength + 1} of case {instanceId} was inserted: the case records {headLength} entries, there are {Length}.");
        }
        if (Length > 0 && !string.Equals(headHash, previousHash, StringComparison.Ordinal))
        {
            return Fail(ChainFault.Changed, Length,
                $"案件 {instanceId} 的记录第 {Length} 条与案件记载的末条哈希不符：记录被重写。",
                $"Entry {Length} of case {instanceId} does not hash to the head the case records: the journal was rewritten.");
        }
        return null;
    }

    private ChainFinding Fail(ChainFault fault, long sequence, string message, string messageEn) =>
        Finding = new ChainFinding(fault, Table, instanceId, sequence, message, messageEn);
}
