namespace ConsultFlow.Server.Features.Statistics;

/// <summary>How many of the counted cases an agency is party to (started it or was assigned a task in it).</summary>
public sealed record AgencyCount(string Agency, int Cases);
