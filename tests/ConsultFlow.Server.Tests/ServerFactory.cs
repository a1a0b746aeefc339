using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests;

/// <summary>
/// The real server in memory, on its own SQLite file (or whatever <see cref="Settings"/> says), with a first
/// administrator from configuration: "admin" of the coordination office "sfj".
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "admin-password-for-tests";
    public const string AdminAgency = "sfj";

    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-server-").FullName;
    private readonly SemaphoreSlim keyLock = new(1, 1);
    private string? apiKey;

    /// <summary>Configuration applied after the defaults; set before the server is first used.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public string Folder => folder;

    /// <summary>When set before the server is first used, the server's clock (e.g. a manual one for traffic lights).</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Clients act as the web app does: with the header that proves a state-changing request comes from its pages.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-ConsultFlow-Request", "1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConsultFlow:Database:Provider", "Sqlite");
        builder.UseSetting("ConsultFlow:Database:ConnectionString", $"Data Source={Path.Combine(folder, "server.db")};Default Timeout=30");
        builder.UseSetting("ConsultFlow:TimerPollSeconds", "3600");
        builder.UseSetting("ConsultFlow:Attachments:Path", Path.Combine(folder, "attachments"));
        builder.UseSetting("ConsultFlow:Evidence:AnchorFile", Path.Combine(folder, "evidence-anchors.jsonl"));
        builder.UseSetting("ConsultFlow:Admin:UserName", AdminUserName);
        builder.UseSetting("ConsultFlow:Admin:Password", AdminPassword);
        builder.UseSetting("ConsultFlow:Admin:Agency", AdminAgency);
        builder.UseSetting("ConsultFlow:Admin:InitialPasswordFile", Path.Combine(folder, "initial-admin-password"));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // Identity's 100,000 PBKDF2 rounds are right for production and needlessly slow for tests that create many users.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>A client with the key of an API client of "sfj" that is coordinator and administrator.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKeyAsync().GetAwaiter().GetResult());
        return client;
    }

    public async Task<string> ApiKeyAsync()
    {
        await keyLock.WaitAsync();
        try
        {
            if (apiKey is null)
            {
                await using var scope = Services.CreateAsyncScope();
                var directory = scope.ServiceProvider.GetRequiredService<DirectoryAdministration>();
                (_, apiKey) = await directory.CreateApiClientAsync(AdminAgency, "tests", [DirectoryRoles.Coordinator, DirectoryRoles.Administrator], CancellationToken.None);
            }
            return apiKey;
        }
        finally
        {
            keyLock.Release();
        }
    }

    /// <summary>A client signed in with the cookie (the factory's clients keep cookies between calls).</summary>
    public async Task<HttpClient> SignInAsync(string userName = AdminUserName, string password = AdminPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Creates a user through the API as the administrator; returns its id.</summary>
    public async Task<string> CreateUserAsync(string userName, string agency, string[] roles, string password, bool mustChangePassword = false)
    {
        var admin = CreateAuthorizedClient();
        var response = await admin.PostAsJsonAsync("/api/users", new { userName, displayName = userName, agency, roles, password, mustChangePassword });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Creating {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
