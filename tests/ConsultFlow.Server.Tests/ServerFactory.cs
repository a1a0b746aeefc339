using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsultFlow.Server.Tests;

/// <summary>The real server in memory, on its own SQLite file and with a known API key.</summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-7f3a";
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-server-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConsultFlow:ApiKey", ApiKey);
        builder.UseSetting("ConsultFlow:Database:Provider", "Sqlite");
        builder.UseSetting("ConsultFlow:Database:ConnectionString", $"Data Source={Path.Combine(folder, "server.db")};Default Timeout=30");
        builder.UseSetting("ConsultFlow:TimerPollSeconds", "3600");
    }

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
