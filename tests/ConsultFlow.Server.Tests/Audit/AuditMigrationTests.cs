using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Audit;

/// <summary>The hand-written audit migration: that it builds the model's schema and lives beside the engine's tables.</summary>
public abstract class AuditMigrationTests(PersistenceProvider provider, PostgresServer? postgres) : AuditDatabaseTestBase(provider, postgres)
{
    [Fact]
    public async Task The_migration_builds_the_same_schema_as_the_model()
    {
        var fromModel = await CreateEmptyDatabaseAsync();
        await using (var db = await NewNode(database: fromModel).GetRequiredService<IDbContextFactory<AuditDbContext>>().CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var migrated = await DescribeSchemaAsync(Options);
        var expected = await DescribeSchemaAsync(fromModel);

        migrated.Should().Equal(expected);
        migrated.Should().Contain(line => line.Contains("ix_audit_records_target")).And.Contain(line => line.Contains("sequence"));
    }

    [Fact]
    public async Task The_audit_and_the_engine_migrate_the_same_database_each_with_its_own_history()
    {
        var services = new ServiceCollection().AddLogging().AddConsultFlowPersistence(Options);
        await using (var engine = services.BuildServiceProvider())
        {
            await engine.MigrateConsultFlowDatabaseAsync();
        }
        await NewNode().MigrateAuditDatabaseAsync();

        (await QueryAsync("""SELECT "MigrationId" FROM "__AuditMigrationsHistory" """)).Should().Equal(Features.Audit.Migrations.AuditInitial.Id);
        (await QueryAsync("""SELECT COUNT(*) FROM "__EFMigrationsHistory" """)).Single().Should().NotBe("0");
        (await QueryAsync("SELECT COUNT(*) FROM journal")).Single().Should().Be("0");
        await ChainOf(NewNode()).AppendAsync(Entry(1));
        (await ChainOf(NewNode()).VerifyAsync()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task Nodes_starting_together_migrate_once()
    {
        var fresh = await CreateEmptyDatabaseAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode(database: fresh)).ToList();
        using var start = new ManualResetEventSlim();

        var migrations = nodes.Select(n => Task.Run(async () =>
        {
            start.Wait();
            await n.MigrateAuditDatabaseAsync();
        })).ToList();
        start.Set();
        await Task.WhenAll(migrations);

        (await QueryAsync("""SELECT COUNT(*) FROM "__AuditMigrationsHistory" """, fresh)).Single().Should().Be("1");
        (await nodes[0].GetRequiredService<AuditMigrator>().PendingAsync()).Should().BeEmpty();
    }

    /// <summary>Every column and index of audit_records, one sorted line each.</summary>
    private async Task<List<string>> DescribeSchemaAsync(PersistenceOptions database)
    {
        var lines = Provider == PersistenceProvider.Sqlite
            ? await QueryAsync("""
                SELECT 'column ' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk FROM pragma_table_info('audit_records') c
                UNION ALL
                SELECT 'index ' || i.name || ' unique=' || i."unique" || ' (' ||
                       (SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(i.name) ii ORDER BY ii.seqno)) || ')'
                FROM pragma_index_list('audit_records') i
                """, database)
            : await QueryAsync("""
                SELECT 'column ' || column_name || ' ' || data_type || ' nullable=' || is_nullable || ' identity=' || is_identity
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'audit_records'
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'audit_records'
                UNION ALL
                SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'audit_records'::regclass
                """, database);
        return lines.Order(StringComparer.Ordinal).ToList();
    }
}
