using ConsultFlow.Engine.Evidence;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>One line of the anchor file: the seal as it was when made, enough to recognise it (and what it covered) later.</summary>
public sealed record EvidenceAnchor(long Sequence, DateTimeOffset At, string Algorithm, int CaseCount, string Root,
    long CommandsLength, string? CommandsHead, string Hash)
{
    public static EvidenceAnchor Of(EvidenceSeal seal) =>
        new(seal.Sequence, seal.At, seal.Algorithm, seal.CaseCount, seal.Root, seal.CommandsLength, seal.CommandsHead, seal.Hash);
}
