using System.Security.Cryptography;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// The API key: from configuration, or else generated once into app-data/api-key (readable by the owner only), so a
/// fresh installation is never open and never has a default password.
/// </summary>
public sealed class ApiKeyStore
{
    public ApiKeyStore(ConsultFlowOptions options, IHostEnvironment environment, ILogger<ApiKeyStore> logger)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            Key = options.ApiKey;
            return;
        }
        var folder = Path.Combine(environment.ContentRootPath, "app-data");
        Directory.CreateDirectory(folder);
        KeyFile = Path.Combine(folder, "api-key");
        if (!File.Exists(KeyFile))
        {
            File.WriteAllText(KeyFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger.LogWarning("No ConsultFlow:ApiKey configured; generated one into {KeyFile}.", KeyFile);
        }
        Key = File.ReadAllText(KeyFile).Trim();
    }

    public string Key { get; }
    public string? KeyFile { get; }
}
