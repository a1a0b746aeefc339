using System.Security.Cryptography;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.AgencyDirectory;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Makes sure a fresh installation has exactly one way in and no default password. At first start (no user at all):
/// the administrator from ConsultFlow:Admin:* when a password is configured; otherwise user "admin" with a random
/// one-time password written to app-data/initial-admin-password (owner-only) that must be changed at first sign-in.
/// </summary>
public sealed class FirstAdministrator(ConsultFlowOptions options, IHostEnvironment environment, IServiceScopeFactory scopes, ILogger<FirstAdministrator> logger)
{
    public const string DefaultUserName = "admin";
    public const string SystemAgency = "system";

    public string UserName => string.IsNullOrWhiteSpace(options.Admin.UserName) ? DefaultUserName : options.Admin.UserName.Trim();

    public string PasswordFile => options.Admin.InitialPasswordFile
        ?? Path.Combine(environment.ContentRootPath, "app-data", "initial-admin-password");

    public async Task EnsureAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<DirectoryAdministration>();
        if (await directory.AnyUserAsync(ct)) return;

        var configured = !string.IsNullOrEmpty(options.Admin.Password);
        var password = configured ? options.Admin.Password! : GeneratePassword();
        try
        {
            await CreateAsync(directory, UserName, options.Admin.Agency, password, mustChangePassword: !configured, ct);
        }
        catch (EngineException e) when (e.Code == EngineErrorCode.Conflict)
        {
            logger.LogInformation("Another node created the first administrator meanwhile.");
            return;
        }
        catch (EngineException e) when (e.Code == EngineErrorCode.Invalid && configured)
        {
            throw new InvalidOperationException(
                $"ConsultFlow:Admin is not valid: {string.Join(" ", e.Errors.Select(f => $"{f.Field}: {f.Message}"))}", e);
        }

        if (configured)
        {
            logger.LogInformation("Created the first administrator {UserName} from configuration.", UserName);
            return;
        }
        WriteOwnerOnly(PasswordFile, password);
        logger.LogWarning(
            "No ConsultFlow:Admin:Password configured: created user {UserName} with a one-time password in {File}. Sign in with it and choose a new one.",
            UserName, PasswordFile);
    }

    /// <summary>Creates an administrator, and its agency (as the system agency or a coordination office) when missing.</summary>
    public static async Task<DirectoryAdministration.UserView> CreateAsync(DirectoryAdministration directory, string userName, string? agency,
        string password, bool mustChangePassword, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(agency) ? SystemAgency : agency.Trim();
        if (!await directory.AgencyExistsAsync(code, ct))
        {
            var data = code == SystemAgency
                ? new DirectoryAdministration.AgencyData(code, "系统管理", "System administration", AgencyType.System, null, null)
                : new DirectoryAdministration.AgencyData(code, code, null, AgencyType.CoordinationOffice, null, null);
            try
            {
                await directory.CreateAgencyAsync(data, ct);
            }
            catch (EngineException e) when (e.Code == EngineErrorCode.Conflict)
            {
                // Created by someone else in between: just as good.
            }
        }
        return await directory.CreateUserAsync(new(userName, "系统管理员", code, [DirectoryRoles.Administrator], password, mustChangePassword), ct);
    }

    /// <summary>Once the first administrator has chosen a password, the generated one is of no use: delete the file.</summary>
    public void ForgetInitialPassword(AppUser user)
    {
        if (string.Equals(user.UserName, UserName, StringComparison.OrdinalIgnoreCase) && File.Exists(PasswordFile))
        {
            File.Delete(PasswordFile);
            logger.LogInformation("{UserName} changed the one-time password; deleted {File}.", UserName, PasswordFile);
        }
    }

    /// <summary>20 characters from an alphabet without look-alikes (0/O, 1/l/I): about 115 bits.</summary>
    public static string GeneratePassword(int length = 20) =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", length);

    private static void WriteOwnerOnly(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // A stale file from an earlier database would keep its old mode: start afresh, created with mode 600.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, options);
        writer.Write(content);
    }
}
