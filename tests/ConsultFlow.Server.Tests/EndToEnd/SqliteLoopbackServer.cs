namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>The real server over HTTP on its own SQLite file.</summary>
public class SqliteLoopbackServer : LoopbackServer
{
    protected override Task<(string Provider, string ConnectionString)> CreateDatabaseAsync(string folder) =>
        Task.FromResult(("Sqlite", $"Data Source={Path.Combine(folder, "server.db")};Default Timeout=30"));
}
