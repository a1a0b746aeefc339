namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// A binary Merkle tree over leaf hashes (hex). A parent is H("node" lines: left, right); a level with an odd count
/// carries its last node up unchanged. A proof for one leaf lists, bottom up, each sibling and which side it is on, so
/// that one case can show it was in a seal without revealing the other cases.
/// </summary>
public static class MerkleTree
{
    public const string NodeVersion = "consultflow-merkle-node/1";

    public static string Root(IReadOnlyList<string> leaves, string algorithm)
    {
        if (leaves.Count == 0) return HashAlgorithms.GenesisHash;
        var level = leaves.ToList();
        while (level.Count > 1) level = Up(level, algorithm);
        return level[0];
    }

    public static IReadOnlyList<MerkleStep> Proof(IReadOnlyList<string> leaves, int index, string algorithm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        var steps = new List<MerkleStep>();
        var level = leaves.ToList();
        while (level.Count > 1)
        {
            var sibling = index % 2 == 0 ? index + 1 : index - 1;
            if (sibling < level.Count) steps.Add(new MerkleStep(level[sibling], SiblingOnLeft: sibling < index));
            level = Up(level, algorithm);
            index /= 2;
        }
        return steps;
    }

    public static string RootFromProof(string leaf, IEnumerable<MerkleStep> proof, string algorithm) =>
        proof.Aggregate(leaf, (hash, step) => step.SiblingOnLeft ? Node(step.Sibling, hash, algorithm) : Node(hash, step.Sibling, algorithm));

    private static List<string> Up(List<string> level, string algorithm)
    {
        var up = new List<string>((level.Count + 1) / 2);
        for (var i = 0; i < level.Count; i += 2)
            up.Add(i + 1 < level.Count ? Node(level[i], level[i + 1], algorithm) : level[i]);
        return up;
    }

    private static string Node(string left, string right, string algorithm) =>
        HashAlgorithms.HexDigest(algorithm, new CanonicalText(NodeVersion).Field("left", left).Field("right", right).ToBytes());
}
