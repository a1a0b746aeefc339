using ConsultFlow.Engine.Evidence;
namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// One row of the tamper-evident record (table <c>audit_records</c>). The API returns rows exactly as stored, JSON
/// fields as the stored text, so that anyone can recompute the hashes with <see cref="AuditCanonicalForm"/>.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>1, 2, 3, ... without gaps; the primary key.</summary>
    public long Sequence { get; init; }

    /// <summary>When the row was appended, UTC, whole microseconds.</summary>
    public DateTimeOffset At { get; init; }

    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? Agency { get; init; }

    /// <summary>The user's roles as a JSON array of strings, sorted and without duplicates.</summary>
    public string Roles { get; init; } = "[]";

    /// <summary>A stable action name such as "tasks.complete".</summary>
    public string Action { get; init; } = "";

    /// <summary>What the action was done to: a task, instance or definition id (several route values joined by '/').</summary>
    public string? Target { get; init; }

    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }

    /// <summary>The previous row's <see cref="Hash"/>, or <see cref="HashAlgorithms.GenesisHash"/> for row 1.</summary>
    public string PreviousHash { get; init; } = "";

    /// <summary>Lower-case hex of the row's hash over <see cref="AuditCanonicalForm"/>.</summary>
    public string Hash { get; init; } = "";

    /// <summary>"SHA-256" or "SM3": each row names its own, so the configured algorithm may change over time.</summary>
    public string Algorithm { get; init; } = "";
}
