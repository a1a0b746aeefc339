namespace ConsultFlow.Engine.Validation;

/// <summary>One problem with a definition: <see cref="Path"/> locates it (e.g. "flowchart.activities[2].inputs.title").</summary>
public sealed record ValidationError(string Path, string Code, string Message, string? ActivityId = null);
