using ConsultFlow.Engine.Evidence;
using System.Data.Common;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ConsultFlow.Server.Tests.Audit;

/// <summary>
/// A fresh database per test on the given provider, and "nodes": separate service providers with their own
/// connection pools and chain instances, as separate servers sharing one database would have.
/// </summary>
public abstract class AuditDatabaseTestBase(PersistenceProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private readonly List<ServiceProvider> nodes = [];
    private string? sqliteFolder;

    protected PersistenceProvider Provider { get; } = provider;
    protected PersistenceOptions Options { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Options = await CreateEmptyDatabaseAsync();
        await NewNode().MigrateAuditDatabaseAsync();
    }

    /// <summary>Another empty database on this test's provider (the first one is <see cref="Options"/>).</summary>
    protected async Task<PersistenceOptions> CreateEmptyDatabaseAsync()
    {
        if (Provider == PersistenceProvider.Sqlite)
        {
            sqliteFolder ??= Directory.CreateTempSubdirectory("consultflow-audit-").FullName;
            var file = Path.Combine(sqliteFolder, $"audit-{Guid.NewGuid():N}.db");
            return new PersistenceOptions(PersistenceProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString());
        }
        var server = postgres ?? throw new InvalidOperationException("PostgreSQL tests need the PostgresServer fixture.");
        return new PersistenceOptions(PersistenceProvider.Postgres, await server.CreateDatabaseAsync());
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        if (sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(sqliteFolder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A server's worth of audit services on this test's database.</summary>
    protected ServiceProvider NewNode(string algorithm = HashAlgorithms.Sha256, TimeProvider? time = null, PersistenceOptions? database = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database ?? Options);
        if (time is not null) services.AddSingleton(time);
        services.AddAudit(new AuditOptions { Algorithm = algorithm });
        var node = services.BuildServiceProvider();
        nodes.Add(node);
        return node;
    }

    protected static AuditChain ChainOf(IServiceProvider node) => node.GetRequiredService<AuditChain>();

    protected static AuditEntry Entry(int n) => new($"tasks.complete")
    {
        UserId = $"user-{n % 3}",
        UserName = $"张三{n % 3}",
        Agency = "scjg",
        Roles = ["staff", "contact"],
        Target = Guid.NewGuid().ToString(),
        BeforeJson = n % 2 == 0 ? null : $$"""{"status":"Open","n":{{n}}}""",
        AfterJson = $$"""{ "status": "Completed", "outcome": "accept", "n": {{n}}, "comment": "同意受理" }""",
    };

    protected async Task<AuditChain> ChainWithAsync(int rows, string algorithm = HashAlgorithms.Sha256)
    {
        var chain = ChainOf(NewNode(algorithm));
        for (var n = 1; n <= rows; n++) await chain.AppendAsync(Entry(n));
        return chain;
    }

    /// <summary>Runs SQL on the database directly, past the application, as someone tampering with it would.</summary>
    protected async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<List<string>> QueryAsync(string sql, PersistenceOptions? database = null)
    {
        await using var connection = Connect(database?.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }

    protected DbConnection Connect(string? connectionString = null) => Provider == PersistenceProvider.Sqlite
        ? new SqliteConnection(connectionString ?? Options.ConnectionString)
        : new NpgsqlConnection(connectionString ?? Options.ConnectionString);
}
