using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>
/// The real server, started in-process from its entry point but served by Kestrel on a socket at 127.0.0.1 with a port
/// the system picks, so every request goes over real HTTP: real headers, real body limits, real cookies. It runs on a
/// fresh database (<see cref="CreateDatabaseAsync"/>), with the first administrator "admin" of the coordination office
/// "sfj" from configuration, a short timer poll (sub-processes and owed resumes are picked up by the poller) and the
/// demo district loaded through the API, each demo user with <see cref="DemoPassword"/>.
/// </summary>
public abstract class LoopbackServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "admin-password-for-e2e";
    public const string AdminAgency = "sfj";
    public const string DemoPassword = "demo-password-for-e2e";

    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-e2e-").FullName;
    private (string Provider, string ConnectionString)? database;
    private Uri? baseAddress;

    protected LoopbackServer() =>
        // A real socket on loopback only; port 0 lets the system choose a free one (read back from the server).
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>The database's provider ("Sqlite" or "Postgres") and connection string, created empty for this server.</summary>
    protected abstract Task<(string Provider, string ConnectionString)> CreateDatabaseAsync(string folder);

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync(folder);
        // StartServer runs the entry point (migrations, first administrator, seeding) and blocks until Kestrel listens.
        await Task.Run(StartServer);
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        baseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) + "/");

        using var admin = await SignInAsync(AdminUserName, AdminPassword);
        var demo = await admin.PostJsonAsync("/api/admin/demo", new JsonObject { ["password"] = DemoPassword });
        if (demo.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Loading the demo district failed: {(int)demo.StatusCode} {await demo.Content.ReadAsStringAsync()}");
    }

    /// <summary>A client of its own (own cookie jar) signed in as <paramref name="userName"/>.</summary>
    public Task<UserSession> SignInAsync(string userName, string password = DemoPassword) => UserSession.SignInAsync(BaseAddress, userName, password);

    /// <summary>A client that has not signed in.</summary>
    public HttpClient Anonymous() => UserSession.NewClient(BaseAddress, new CookieContainer());

    /// <summary>Clients act as the web app does: with the header that proves a state-changing request comes from its pages.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-ConsultFlow-Request", "1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var (provider, connectionString) = database ?? throw new InvalidOperationException("The database is created before the server starts.");
        builder.UseSetting("ConsultFlow:Database:Provider", provider);
        builder.UseSetting("ConsultFlow:Database:ConnectionString", connectionString);
        builder.UseSetting("ConsultFlow:TimerPollSeconds", "0.2");
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
