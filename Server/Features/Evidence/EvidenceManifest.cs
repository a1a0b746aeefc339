namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// <c>manifest.json</c> of an evidence package: the case, who made the package and when, and every other file in it
/// with its size and SHA-256. A file not listed, or listed with another hash, means the package was altered.
/// </summary>
public sealed record EvidenceManifest(
    string Format,
    Guid InstanceId,
    string DefinitionId,
    string? CorrelationKey,
    DateTimeOffset GeneratedAt,
    string GeneratedByUserId,
    string GeneratedByUserName,
    string? GeneratedByAgency,
    IReadOnlyList<EvidenceFile> Files)
{
    public const string FormatName = "consultflow-evidence/1";
    public const string FileName = "manifest.json";
}
