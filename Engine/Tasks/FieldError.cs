namespace ConsultFlow.Engine.Tasks;

/// <summary>A rejected form value: <see cref="Field"/> is the field key (or "outcome"), for problem details.</summary>
public sealed record FieldError(string Field, string Message);
