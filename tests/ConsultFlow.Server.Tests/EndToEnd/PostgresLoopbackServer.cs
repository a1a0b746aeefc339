
namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>The real server over HTTP on a fresh database of the collection's PostgreSQL server.</summary>
public sealed class PostgresLoopbackServer(PostgresServer postgres) : LoopbackServer
{
    protected override async Task<(string Provider, string ConnectionString)> CreateDatabaseAsync(string folder) =>
        ("Postgres", await postgres.CreateDatabaseAsync());
}
