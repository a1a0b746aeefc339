namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>A case's journal head before a step (<see cref="Before"/>) and after it (<see cref="Length"/>, <see cref="Hash"/>).</summary>
internal sealed record ChainHead(long Before, long Length, string Hash);
