namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>A timer bookmark and when it is due.</summary>
public sealed record PlannedTimer(Guid BookmarkId, DateTimeOffset DueAt);
