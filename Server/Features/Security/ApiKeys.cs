using System.Security.Cryptography;
using System.Text;

namespace ConsultFlow.Server.Features.Security;

/// <summary>API keys: 256 random bits, shown once; only their SHA-256 is stored.</summary>
public static class ApiKeys
{
    // A recognisable prefix lets secret scanners and people tell a ConsultFlow key from other secrets.
    private const string Prefix = "cf_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
