using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>
/// The real server, started in-process from its entry point and served by Kestrel on 127.0.0.1 with a port the system
/// picks, so the browser talks to it over real HTTP. Fresh SQLite database and app data, the first administrator
/// "admin" of "sfj" with <see cref="AdminPassword"/>, the demo district loaded (every demo user "{agency}-{role}" with
/// <see cref="DemoPassword"/>), and the built web app from Designer/dist (built by the server project's build).
/// </summary>
public sealed class WebServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "admin-password-for-web";
    public const string AdminAgency = "sfj";
    public const string DemoPassword = "demo-password-for-web";

    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-web-").FullName;
    private Uri? baseAddress;

    public WebServer() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>The server's app-data folder (database, attachments).</summary>
    public string Folder => folder;

    public async Task InitializeAsync()
    {
        await Task.Run(StartServer);
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        baseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");

        using var admin = await ApiSession.SignInAsync(BaseAddress, AdminUserName, AdminPassword);
        var demo = await admin.Http.PostAsJsonAsync("api/admin/demo", new JsonObject { ["password"] = DemoPassword });
        if (demo.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Loading the demo district failed: {(int)demo.StatusCode} {await demo.Content.ReadAsStringAsync()}");
    }

    /// <summary>An API client of its own (own cookies) signed in as <paramref name="userName"/>, for setting up and checking.</summary>
    public Task<ApiSession> ApiAsync(string userName, string password = DemoPassword) => ApiSession.SignInAsync(BaseAddress, userName, password);

    /// <summary>The administrator's API session.</summary>
    public Task<ApiSession> AdminApiAsync() => ApiSession.SignInAsync(BaseAddress, AdminUserName, AdminPassword);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConsultFlow:Database:Provider", "Sqlite");
        builder.UseSetting("ConsultFlow:Database:ConnectionString", $"Data Source={Path.Combine(folder, "server.db")};Default Timeout=30");
        builder.UseSetting("ConsultFlow:TimerPollSeconds", "0.2");
        builder.UseSetting("ConsultFlow:Attachments:Path", Path.Combine(folder, "attachments"));
        builder.UseSetting("ConsultFlow:Evidence:AnchorFile", Path.Combine(folder, "evidence-anchors.jsonl"));
        builder.UseSetting("ConsultFlow:Admin:UserName", AdminUserName);
        builder.UseSetting("ConsultFlow:Admin:Password", AdminPassword);
        builder.UseSetting("ConsultFlow:Admin:Agency", AdminAgency);
        builder.UseSetting("ConsultFlow:Admin:InitialPasswordFile", Path.Combine(folder, "initial-admin-password"));
        // Identity's 100,000 PBKDF2 rounds are right for production and needlessly slow for ~70 demo users.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
