namespace ConsultFlow.Server.Features.Statistics;

/// <summary>One completed task of a case: which step, which outcome, when — what the figures are derived from.</summary>
public sealed record DecisionRow(Guid InstanceId, string ActivityId, string? Outcome, DateTimeOffset? ClosedAt);
