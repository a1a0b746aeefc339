namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>An agency of the directory, known by its short code ("scjg") in task assignments and claims.</summary>
public sealed class Agency
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public string? NameEn { get; set; }
    public AgencyType Type { get; set; }

    /// <summary>Where it has jurisdiction, e.g. "CN-NX-dawukou"; coordinators see the consultations of their region.</summary>
    public string? Region { get; set; }

    public string? ParentCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
