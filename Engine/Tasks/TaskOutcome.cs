using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Tasks;

/// <summary>A choice a person may make to complete a task; <see cref="Name"/> is the connection outcome it follows.</summary>
public sealed record TaskOutcome(string Name, LocalizedText? Label = null);
