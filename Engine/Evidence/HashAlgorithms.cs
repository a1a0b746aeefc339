using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace ConsultFlow.Engine.Evidence;

/// <summary>The hash algorithms a chained row (journal, command, seal) may use. Both give 256 bits, so any row may follow any other.</summary>
public static class HashAlgorithms
{
    public const string Sha256 = "SHA-256";

    /// <summary>GB/T 32905-2016, which Chinese government systems are often required to use.</summary>
    public const string Sm3 = "SM3";

    /// <summary>The previous hash of row 1.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The canonical name for a configured value ("sha256", "SHA-256", "sm3", ...); throws for anything else.</summary>
    public static string Normalize(string? configured) =>
        (configured ?? "").Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "" or "SHA256" => Sha256,
            "SM3" => Sm3,
            _ => throw new InvalidOperationException($"Unknown ConsultFlow:Audit:Algorithm '{configured}'; use {Sha256} or {Sm3}."),
        };

    public static bool IsKnown(string algorithm) => algorithm is Sha256 or Sm3;

    public static byte[] Digest(string algorithm, byte[] data)
    {
        switch (algorithm)
        {
            case Sha256:
                return SHA256.HashData(data);
            case Sm3:
                var sm3 = new SM3Digest();
                sm3.BlockUpdate(data, 0, data.Length);
                var output = new byte[sm3.GetDigestSize()];
                sm3.DoFinal(output, 0);
                return output;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown hash algorithm.");
        }
    }

    public static string HexDigest(string algorithm, byte[] data) => Convert.ToHexStringLower(Digest(algorithm, data));
}
