using ConsultFlow.Engine.Evidence;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// <c>seal.json</c> of an evidence package: the seal that covers the case's journal as packaged, the case's leaf in it,
/// the Merkle path from that leaf to the seal's root, and the newest anchor outside the database when the package was
/// made. Whoever holds the anchor file (or a copy sent to the procuratorate) checks that <see cref="Seal"/>'s hash is in it.
/// </summary>
public sealed record EvidenceSealProof(EvidenceSeal Seal, SealEntry Entry, IReadOnlyList<MerkleStep> Proof, EvidenceAnchor? Anchor)
{
    public const string FileName = "seal.json";
}
