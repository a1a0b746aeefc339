namespace ConsultFlow.Server.Features.Statistics;

/// <summary>
/// The answer of <c>GET /api/statistics</c>: everything counted over the cases the caller may see, created in
/// [<see cref="From"/>, <see cref="To"/>) and, with <see cref="Agency"/>, that agency is party to.
/// </summary>
public sealed record StatisticsReport(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Agency,
    DateTimeOffset GeneratedAt,
    int TotalCases,
    StatusCounts ByStatus,
    IReadOnlyList<ProcessCount> ByProcess,
    IReadOnlyList<AgencyCount> ByAgency,
    OverdueCounts Overdue,
    ReferralFigures Referrals,
    ConsultationOutcomes Consultations);
