namespace ConsultFlow.Engine.Evidence;

/// <summary>One case's head as a seal covers it (table <c>evidence_seal_entries</c>): leaf <see cref="Position"/> of the seal's tree.</summary>
public sealed record SealEntry(long SealSequence, int Position, Guid InstanceId, long Length, string Head)
{
    public const string Version = "consultflow-seal-leaf/1";

    /// <summary>The leaf hash: the case, how long its journal was and the hash of its last entry.</summary>
    public string LeafHash(string algorithm) => HashAlgorithms.HexDigest(algorithm, new CanonicalText(Version)
        .Field("instance_id", InstanceId.ToString("D"))
        .Number("length", Length)
        .Field("head", Head)
        .ToBytes());
}
