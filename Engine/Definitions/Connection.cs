namespace ConsultFlow.Engine.Definitions;

/// <summary>When activity <see cref="Source"/> completes with <see cref="Outcome"/>, <see cref="Target"/> is scheduled.</summary>
public sealed record Connection(string Source, string Outcome, string Target);
