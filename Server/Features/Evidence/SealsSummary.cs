namespace ConsultFlow.Server.Features.Evidence;

/// <summary>The seal chain: how many seals, the newest, and the anchor it was checked against (null when there is none).</summary>
public sealed record SealsSummary(long Count, long? HeadSequence, string? HeadHash, EvidenceAnchor? Anchor, string? AnchorFile);
