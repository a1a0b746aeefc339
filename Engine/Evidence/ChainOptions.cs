namespace ConsultFlow.Engine.Evidence;

/// <summary>The hash algorithm new chained rows use ("SHA-256" or "SM3"); rows already written keep the one they name.</summary>
public sealed record ChainOptions(string Algorithm)
{
    public static ChainOptions Default { get; } = new(HashAlgorithms.Sha256);
}
