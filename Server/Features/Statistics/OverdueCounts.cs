namespace ConsultFlow.Server.Features.Statistics;

/// <summary>Open tasks past their due time, in the counted cases, in all and by assignee agency.</summary>
public sealed record OverdueCounts(int Total, IReadOnlyList<AgencyOverdue> ByAgency);
