namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// One seal (table <c>evidence_seals</c>): the Merkle <see cref="Root"/> over the heads of the cases that changed since
/// the seal before (<see cref="SealEntry"/>, <see cref="CaseCount"/> of them) and the head of the command record, chained
/// to the previous seal like any other row. A copy of each seal's hash goes outside the database (the anchor), so
/// that rows cut from the end of any chain, or a chain rewritten whole, no longer meet it.
/// </summary>
public sealed record EvidenceSeal
{
    public long Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public string Algorithm { get; init; } = HashAlgorithms.Sha256;
    public int CaseCount { get; init; }
    public string Root { get; init; } = HashAlgorithms.GenesisHash;

    /// <summary>The command record's last sequence and hash when the seal was made (0 and null while it is empty).</summary>
    public long CommandsLength { get; init; }
    public string? CommandsHead { get; init; }

    public string PreviousHash { get; init; } = HashAlgorithms.GenesisHash;
    public string Hash { get; init; } = "";

    public const string Version = "consultflow-seal/1";

    public byte[] Serialize() => new CanonicalText(Version)
        .Field("previous_hash", PreviousHash)
        .Number("sequence", Sequence)
        .Time("at", At)
        .Field("algorithm", Algorithm)
        .Number("case_count", CaseCount)
        .Field("root", Root)
        .Number("commands_length", CommandsLength)
        .Field("commands_head", CommandsHead)
        .ToBytes();

    public string ComputeHash() => HashAlgorithms.HexDigest(Algorithm, Serialize());
}
