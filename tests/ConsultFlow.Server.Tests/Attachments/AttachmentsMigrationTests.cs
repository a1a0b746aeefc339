using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Attachments;
using ConsultFlow.Server.Features.Attachments.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Attachments;

/// <summary>The hand-written attachments migration: the model's schema, its own history table, beside the engine's tables.</summary>
public abstract class AttachmentsMigrationTests(PersistenceProvider provider, PostgresServer? postgres) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-attachments-").FullName;

    private async Task<PersistenceOptions> CreateDatabaseAsync() => provider == PersistenceProvider.Sqlite
        ? new PersistenceOptions(PersistenceProvider.Sqlite, $"Data Source={Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db")}")
        : new PersistenceOptions(PersistenceProvider.Postgres, await postgres!.CreateDatabaseAsync());

    private static ServiceProvider Node(PersistenceOptions database) => new ServiceCollection()
        .AddLogging()
        .AddDbContextFactory<AttachmentsDbContext>(b => AttachmentsDbContext.Configure(b, database))
        .AddSingleton<AttachmentsMigrator>()
        .BuildServiceProvider();

    [Fact]
    public async Task The_migration_builds_the_same_schema_as_the_model()
    {
        var fromModel = await CreateDatabaseAsync();
        await using (var db = await Node(fromModel).GetRequiredService<IDbContextFactory<AttachmentsDbContext>>().CreateDbContextAsync())
            await db.Database.EnsureCreatedAsync();
        var migrated = await CreateDatabaseAsync();
        await Node(migrated).GetRequiredService<AttachmentsMigrator>().MigrateAsync();

        var schema = await DescribeAsync(migrated);
        schema.Should().Equal(await DescribeAsync(fromModel));
        schema.Should().Contain(line => line.Contains("ix_attachments_instance_id")).And.Contain(line => line.Contains("sha256"));
    }

    [Fact]
    public async Task It_lives_beside_the_engine_with_its_own_history_and_nodes_starting_together_migrate_once()
    {
        var database = await CreateDatabaseAsync();
        await using (var engine = new ServiceCollection().AddLogging().AddConsultFlowPersistence(database).BuildServiceProvider())
            await engine.MigrateConsultFlowDatabaseAsync();

        var nodes = Enumerable.Range(0, 3).Select(_ => Node(database)).ToList();
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.GetRequiredService<AttachmentsMigrator>().MigrateAsync())));

        (await QueryAsync(database, """SELECT "MigrationId" FROM "__AttachmentsMigrationsHistory" """)).Should().Equal(AttachmentsInitial.Id);
        (await QueryAsync(database, """SELECT COUNT(*) FROM "__EFMigrationsHistory" """)).Single().Should().NotBe("0");
        (await nodes[0].GetRequiredService<AttachmentsMigrator>().PendingAsync()).Should().BeEmpty();

        // A row round-trips: Guid, long and the UTC timestamp at microsecond precision.
        var at = new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.FromHours(8)).AddTicks(12_340);
        var row = new Attachment
        {
            Id = Guid.NewGuid(), InstanceId = Guid.NewGuid(), FileName = "笔录.pdf", ContentType = "application/pdf", Size = 5L * 1024 * 1024 * 1024,
            Sha256 = new string('a', 64), StorageKey = "ab/cd", UploadedByUserId = "u", UploadedByUserName = "张三", UploadedAt = at,
        };
        var contexts = nodes[1].GetRequiredService<IDbContextFactory<AttachmentsDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Attachments.Add(row);
            await db.SaveChangesAsync();
        }
        var catalog = new AttachmentCatalog(contexts, database);
        var read = (await catalog.ListAsync(row.InstanceId, CancellationToken.None)).Single();
        read.Should().BeEquivalentTo(row);
        (await catalog.NotOfCaseAsync(row.InstanceId, [row.Id.ToString(), Guid.NewGuid().ToString(), "att-x"], CancellationToken.None))
            .Should().HaveCount(2).And.NotContain(row.Id.ToString());
        foreach (var node in nodes) await node.DisposeAsync();
    }

    private async Task<List<string>> DescribeAsync(PersistenceOptions database) => provider == PersistenceProvider.Sqlite
        ? await QueryAsync(database, """
            SELECT 'column ' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk FROM pragma_table_info('attachments') c
            UNION ALL
            SELECT 'index ' || i.name || ' unique=' || i."unique" FROM pragma_index_list('attachments') i
            """)
        : await QueryAsync(database, """
            SELECT 'column ' || column_name || ' ' || data_type || ' nullable=' || is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'attachments'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'attachments'
            """);

    private static async Task<List<string>> QueryAsync(PersistenceOptions database, string sql)
    {
        await using var db = new AttachmentsDbContext(AttachmentsDbContext.Configure(new DbContextOptionsBuilder<AttachmentsDbContext>(), database)
            is DbContextOptionsBuilder<AttachmentsDbContext> b ? b.Options : throw new InvalidOperationException());
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
