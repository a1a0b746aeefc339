namespace ConsultFlow.Server.Features.Statistics;

/// <summary>The cases of one process (definition id), by status.</summary>
public sealed record ProcessCount(string DefinitionId, int Total, StatusCounts ByStatus);
