namespace ConsultFlow.Server.Features.Statistics;

/// <summary>
/// 会商 cases by the outcome the office recorded last (consensus, defer, office recommendation to the government, urgent
/// decision on the spot), or else rejected at review, withdrawn by the requester, cancelled, or still pending.
/// </summary>
public sealed record ConsultationOutcomes(
    int Cases,
    int Consensus,
    int Defer,
    int OfficeRecommendation,
    int UrgentDecision,
    int Rejected,
    int Withdrawn,
    int Cancelled,
    int Pending);
