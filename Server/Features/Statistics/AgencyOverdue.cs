namespace ConsultFlow.Server.Features.Statistics;

/// <summary>Open overdue tasks assigned to one agency.</summary>
public sealed record AgencyOverdue(string Agency, int Tasks);
