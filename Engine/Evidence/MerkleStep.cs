namespace ConsultFlow.Engine.Evidence;

/// <summary>One step of a Merkle proof: the sibling's hash and whether it is the left one.</summary>
public sealed record MerkleStep(string Sibling, bool SiblingOnLeft);
