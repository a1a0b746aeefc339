namespace ConsultFlow.Server.Features.Evidence;

/// <summary>A built evidence package: a temporary .zip, deleted once the stream that serves it is closed.</summary>
public sealed record EvidencePackage(Stream Content, string FileName, string ManifestSha256);
