namespace ConsultFlow.Server.Features.Evidence;

/// <summary>One file of an evidence package as its manifest lists it.</summary>
public sealed record EvidenceFile(string Path, long Size, string Sha256);
