using ConsultFlow.Engine.Evidence;
using ConsultFlow.Server.Features.Audit;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// The whole record checked: the seals and their anchor, the command record, and the cases (a page of them; follow
/// <see cref="NextSkip"/> for the rest). <see cref="Finding"/> names the first changed, removed, inserted, reordered or
/// truncated row and the case it belongs to.
/// </summary>
public sealed record EvidenceReport
{
    public bool Ok => Finding is null;
    public required string Message { get; init; }
    public ChainFinding? Finding { get; init; }
    public required SealsSummary Seals { get; init; }
    public AuditVerification? Commands { get; init; }
    public long CasesChecked { get; init; }
    public long EntriesChecked { get; init; }
    public long TasksChecked { get; init; }
    public long AttachmentsChecked { get; init; }

    /// <summary>When more cases remain: ask again with <c>skip</c> = this.</summary>
    public int? NextSkip { get; init; }
}
