using System.Data.Common;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.AgencyDirectory.Migrations;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

/// <summary>
/// The server's hand-written migration: it builds exactly the model's schema, keeps its own history beside the
/// engine's in the same database, and several nodes starting at once apply it once.
/// </summary>
public abstract class DirectoryMigrationTests
{
    protected abstract Task<PersistenceOptions> NewDatabaseAsync();

    protected static ServiceProvider NewNode(PersistenceOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConsultFlowPersistence(options);
        services.AddConsultFlowIdentity(options, new ConsultFlowOptions.AuthSettings());
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_migration_builds_the_same_schema_as_the_model()
    {
        var migrated = await NewDatabaseAsync();
        await using (var node = NewNode(migrated))
        {
            await node.MigrateConsultFlowDatabaseAsync();
            await node.MigrateServerDatabaseAsync();
        }
        var fromModel = await NewDatabaseAsync();
        List<string> tables;
        await using (var node = NewNode(fromModel))
        {
            await using var scope = node.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
            await db.Database.EnsureCreatedAsync();
            tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct().ToList();
        }

        var actual = await DescribeAsync(migrated, tables);
        var expected = await DescribeAsync(fromModel, tables);

        actual.Except(expected).Should().BeEmpty("the migration must not add anything the model lacks");
        expected.Except(actual).Should().BeEmpty("the migration must build everything the model has");
        actual.Should().Contain(line => line.Contains("ux_users_normalized_user_name"));
        tables.Should().BeEquivalentTo(["agencies", "users", "user_roles", "user_claims", "user_logins", "user_tokens", "api_clients"]);
    }

    [Fact]
    public async Task Its_history_is_kept_apart_from_the_engines_and_nodes_starting_together_migrate_once()
    {
        var options = await NewDatabaseAsync();
        await using (var first = NewNode(options)) await first.MigrateConsultFlowDatabaseAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode(options)).ToList();
        using var start = new ManualResetEventSlim();

        var runs = nodes.Select(n => Task.Run(async () =>
        {
            start.Wait();
            await n.MigrateServerDatabaseAsync();
        })).ToList();
        start.Set();
        await Task.WhenAll(runs);
        await nodes[0].MigrateServerDatabaseAsync();

        (await QueryAsync(options, """SELECT "MigrationId" FROM "__ServerMigrationsHistory" """)).Should().Equal(InitialDirectory.Id);
        (await QueryAsync(options, """SELECT "MigrationId" FROM "__EFMigrationsHistory" """)).Should().NotBeEmpty().And.NotContain(InitialDirectory.Id);
        await using (var scope = nodes[0].CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<ServerDbContext>().Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        foreach (var node in nodes) await node.DisposeAsync();
    }

    /// <summary>Every column, index and constraint of the given tables, one sorted line each (as the engine's MigrationTests).</summary>
    private static async Task<List<string>> DescribeAsync(PersistenceOptions options, List<string> tables)
    {
        var list = string.Join(",", tables.Select(t => $"'{t}'"));
        var lines = options.Provider == PersistenceProvider.Sqlite
            ? await QueryAsync(options, $"""
                SELECT 'column ' || t.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
                FROM sqlite_master t, pragma_table_info(t.name) c WHERE t.type = 'table' AND t.name IN ({list})
                UNION ALL
                SELECT 'index ' || t.name || ' ' || i.name || ' unique=' || i."unique" || ' (' ||
                       (SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(i.name) ii ORDER BY ii.seqno)) || ')'
                FROM sqlite_master t, pragma_index_list(t.name) i WHERE t.type = 'table' AND t.name IN ({list})
                UNION ALL
                SELECT 'fk ' || t.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
                FROM sqlite_master t, pragma_foreign_key_list(t.name) f WHERE t.type = 'table' AND t.name IN ({list})
                UNION ALL
                SELECT 'sql ' || name || ' ' || replace(replace(sql, '"', ''), char(10), ' ')
                FROM sqlite_master WHERE type = 'table' AND name = 'user_claims'
                """)
            : await QueryAsync(options, $"""
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                       || ' nullable=' || is_nullable || ' identity=' || is_identity || ' ' || coalesce(identity_generation, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ({list})
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ({list})
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text IN ({list})
                """);
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> QueryAsync(PersistenceOptions options, string sql)
    {
        await using var node = NewNode(options);
        await using var scope = node.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
