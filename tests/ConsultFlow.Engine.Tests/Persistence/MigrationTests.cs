using System.Data.Common;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Persistence.EntityFramework.Migrations;
using ConsultFlow.Engine.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConsultFlow.Engine.Tests.Persistence.TestData;

namespace ConsultFlow.Engine.Tests.Persistence;

/// <summary>The hand-written migrations: that they upgrade data in place and build exactly the model's schema.</summary>
public abstract class MigrationTests(PersistenceProvider provider, PostgresServer? postgres) : StoreTestBase(provider, postgres)
{
    protected override bool MigrateOnStart => false;

    [Fact]
    public async Task Upgrading_from_the_first_migration_keeps_the_data_and_adds_the_new_tables()
    {
        await Migrator.MigrateToAsync(Initial.Id);
        (await TableNamesAsync(Options)).Should().Contain(["workflow_instances", "journal"])
            .And.NotContain(["pending_resumes", "idempotency_records"]);

        // Written as the code of 0001's time wrote it, by hand: today's store writes columns 0001 did not have.
        var state = Instance();
        var timer = TimerBookmark(T0.AddHours(1));
        state.Bookmarks.Add(timer);
        await ExecuteAsync(Options, InsertInstanceAsOf0001(state));
        await ExecuteAsync(Options, InsertTimerAsOf0001(timer, state.InstanceId));
        await ExecuteAsync(Options, InsertJournalAsOf0001(state.InstanceId, 1));
        var taskId = Guid.NewGuid();
        await ExecuteAsync(Options, InsertTaskAsOf0001(taskId, state.InstanceId));
        await Definitions.SaveAsync(new DefinitionRecord("consultation", 1, DefinitionStatus.Draft, Definition("consultation", 1), T0, T0, null, null), null);

        await Migrator.MigrateAsync();

        (await ScalarAsync(Options, """SELECT COUNT(*) FROM "__EFMigrationsHistory" """)).Should().Be(LatestMigrationCount);
        (await Instances.LoadAsync(state.InstanceId))!.Revision.Should().Be(1);
        (await Instances.FindDueTimersAsync(T0.AddDays(1), 10)).Should().ContainSingle();
        var task = await Instances.GetTaskAsync(taskId);
        task!.LegalBasis.Should().Be("国务院令第310号 第五条");
        task.Title.Zh.Should().Be("审批移送");
        task.CalendarVersion.Should().BeNull("0003 adds the column empty for tasks made before it");
        task.DueEstimated.Should().BeFalse();
        (await Instances.GetJournalAsync(state.InstanceId)).Should().ContainSingle();
        (await Definitions.GetAsync("consultation", 1)).Should().NotBeNull();

        var next = Update(state, 1, Journal(state.InstanceId, 2));
        next.PendingResumesAdded.Add(new PendingResume(Guid.NewGuid(), state.InstanceId, Guid.NewGuid(), null, T0));
        next.Idempotency = new IdempotencyRecord("k", "complete", "h", state.InstanceId, "{}", T0);
        await Instances.SaveAsync(next);
        (await Instances.ListPendingResumesAsync(10)).Should().ContainSingle();
        (await Instances.FindIdempotencyAsync("k")).Should().NotBeNull();
    }

    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model()
    {
        await Migrator.MigrateAsync();
        var fromModel = await CreateDatabaseAsync();
        await using (var node = NewNode(fromModel))
        {
            await using var db = await node.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            await db.Database.EnsureCreatedAsync();
        }

        var migrated = await DescribeSchemaAsync(Options);
        var expected = await DescribeSchemaAsync(fromModel);

        migrated.Except(expected).Should().BeEmpty("the migrations must not add anything the model lacks");
        expected.Except(migrated).Should().BeEmpty("the migrations must build everything the model has");
        migrated.Should().Equal(expected);
        migrated.Should().Contain(line => line.Contains("ux_journal_instance_sequence"));
    }

    [Fact]
    public async Task Nodes_starting_together_migrate_once()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode()).ToList();
        using var start = new ManualResetEventSlim();

        var migrations = nodes.Select(n => Task.Run(async () =>
        {
            start.Wait();
            await n.MigrateConsultFlowDatabaseAsync();
        })).ToList();
        start.Set();
        await Task.WhenAll(migrations);
        await Migrator.MigrateAsync();

        (await ScalarAsync(Options, """SELECT COUNT(*) FROM "__EFMigrationsHistory" """)).Should().Be(LatestMigrationCount);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    // Every migration of the engine's context, so that adding one (0005 outbox, ...) needs no edit here.
    private static readonly int LatestMigrationCount = typeof(WorkflowDbContext).Assembly.GetTypes().Count(t =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>(t) is not null
        && System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>(t)?.ContextType == typeof(WorkflowDbContext));

    [Fact]
    public async Task Upgrading_from_the_previous_migration_keeps_tasks_and_records_deadline_provenance()
    {
        await Migrator.MigrateToAsync(ResumesAndIdempotency.Id);
        var state = Instance();
        await ExecuteAsync(Options, InsertInstanceAsOf0001(state));
        await ExecuteAsync(Options, InsertJournalAsOf0001(state.InstanceId, 1));
        var taskId = Guid.NewGuid();
        await ExecuteAsync(Options, InsertTaskAsOf0001(taskId, state.InstanceId));

        await Migrator.MigrateAsync();

        var old = await Instances.GetTaskAsync(taskId);
        old!.DueAt.Should().Be(T0.AddDays(3));
        var fresh = NewTask(state.InstanceId) with { CalendarVersion = "cn-2025@2024-11-12", DueEstimated = true };
        var step = Update(state, 1, Journal(state.InstanceId, 2));
        step.Tasks.Add(fresh);
        await Instances.SaveAsync(step);
        (await Instances.GetTaskAsync(fresh.Id))!.CalendarVersion.Should().Be("cn-2025@2024-11-12");
        (await Instances.GetTaskAsync(fresh.Id))!.DueEstimated.Should().BeTrue();
    }

    [Fact]
    public async Task Upgrading_to_case_parties_keeps_instances_and_lists_them_by_party_once_they_move_on()
    {
        await Migrator.MigrateToAsync(TaskDeadlineProvenance.Id);
        var state = Instance();
        await ExecuteAsync(Options, InsertInstanceAsOf0001(state));
        await ExecuteAsync(Options, InsertJournalAsOf0001(state.InstanceId, 1));

        await Migrator.MigrateAsync();

        (await Instances.LoadAsync(state.InstanceId))!.State.StartedBy.Should().BeNull("cases from before 0004 have no recorded starter");
        state.StartedBy = new State.Actor("u1", "scjg", "staff");
        await Instances.SaveAsync(Update(state, 1, Journal(state.InstanceId, 2)));
        (await Instances.ListInstancesAsync(new InstanceQuery { PartyAgency = "scjg" })).Should().ContainSingle(i => i.InstanceId == state.InstanceId);
        (await Instances.ListInstancesAsync(new InstanceQuery { PartyAgency = "zrzy" })).Should().BeEmpty();
    }

    [Fact]
    public async Task Upgrading_to_the_evidence_chain_hashes_existing_journals_in_place_and_later_steps_chain_on()
    {
        await Migrator.MigrateToAsync(Outbox.Id);
        var state = Instance();
        await ExecuteAsync(Options, InsertInstanceAsOf0001(state));
        await ExecuteAsync(Options, InsertJournalAsOf0001(state.InstanceId, 1));
        await ExecuteAsync(Options, InsertJournalAsOf0001(state.InstanceId, 2));

        await Migrator.MigrateAsync();
        await Migrator.MigrateAsync(); // a second start finds nothing left to chain and changes nothing

        var (rows, head) = await ChainOfAsync(state.InstanceId);
        rows.Select(r => (r.Sequence, r.Kind, r.At)).Should().Equal((1L, "InstanceStarted", T0), (2L, "InstanceStarted", T0));
        Walk(state.InstanceId, rows, head).Should().BeNull("the journal written before the upgrade is chained as it was stored");

        await Instances.SaveAsync(Update(state, 1, Journal(state.InstanceId, 3)));
        (rows, head) = await ChainOfAsync(state.InstanceId);
        rows.Should().HaveCount(3);
        rows[2].PreviousHash.Should().Be(rows[1].Hash);
        Walk(state.InstanceId, rows, head).Should().BeNull();
    }

    private async Task<(List<Evidence.CaseChainRow> Rows, (long Length, string? Hash) Head)> ChainOfAsync(Guid instanceId)
    {
        await using var node = NewNode(Options);
        await using var db = await node.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
        var head = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.ChainLength, i.ChainHead }).SingleAsync();
        return (rows.Select(r => r.ToChainRow()).ToList(), (head.ChainLength, head.ChainHead));
    }

    private static Evidence.ChainFinding? Walk(Guid instanceId, List<Evidence.CaseChainRow> rows, (long Length, string? Hash) head)
    {
        var walk = new Evidence.CaseChainWalk(instanceId);
        return rows.Select(walk.Next).FirstOrDefault(f => f is not null) ?? walk.Finish(head.Length, head.Hash);
    }

    private string Id(Guid g) => Provider == PersistenceProvider.Sqlite ? $"'{g.ToString().ToUpperInvariant()}'" : $"'{g}'";

    private string At(DateTimeOffset t) => Provider == PersistenceProvider.Sqlite
        ? $"'{t.UtcDateTime:yyyy-MM-dd HH:mm:ss}'"
        : $"'{t.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00'";

    /// <summary>An instance row with exactly the columns migration 0001 created.</summary>
    private string InsertInstanceAsOf0001(State.WorkflowState state)
    {
        var json = ConsultFlow.Engine.Definitions.WorkflowJson.Serialize(state).Replace("'", "''");
        return $$"""
            INSERT INTO workflow_instances (id, definition_id, definition_version, status, correlation_key, parent_instance_id,
                                            state_json, created_at, updated_at, completed_at, revision)
            VALUES ({{Id(state.InstanceId)}}, '{{state.DefinitionId}}', {{state.DefinitionVersion}}, '{{state.Status}}', NULL, NULL,
                    '{{json}}', {{At(state.CreatedAt)}}, {{At(state.UpdatedAt)}}, NULL, 1)
            """;
    }

    private string InsertTimerAsOf0001(State.BookmarkState timer, Guid instanceId) => $$"""
        INSERT INTO bookmarks (id, instance_id, activity_id, kind, created_at, due_at)
        VALUES ({{Id(timer.Id)}}, {{Id(instanceId)}}, '{{timer.ActivityId}}', 'Timer', {{At(timer.CreatedAt)}}, {{At(timer.DueAt!.Value)}})
        """;

    private string InsertJournalAsOf0001(Guid instanceId, long sequence) => $$"""
        INSERT INTO journal (instance_id, sequence, at, kind) VALUES ({{Id(instanceId)}}, {{sequence}}, {{At(T0)}}, 'InstanceStarted')
        """;

    /// <summary>A task row with exactly the columns migration 0001 created, as the code of that time wrote it.</summary>
    private string InsertTaskAsOf0001(Guid taskId, Guid instanceId)
    {
        return $$"""
            INSERT INTO human_tasks (id, instance_id, activity_id, title_json, assignee_agency, assignee_role, form_json, outcomes_json,
                                     due_at, legal_basis, created_at, status)
            VALUES ({{Id(taskId)}}, {{Id(instanceId)}}, 'headDecision', '{"zh":"审批移送"}', 'scjg', 'leader', '{"fields":[]}',
                    '[{"name":"approve"}]', {{At(T0.AddDays(3))}}, '国务院令第310号 第五条', {{At(T0)}}, 'Open')
            """;
    }

    private static async Task ExecuteAsync(PersistenceOptions options, string sql)
    {
        await using var node = NewNode(options);
        await using var db = await node.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql; // a plain command: EF's raw-SQL methods would read the JSON braces as placeholders
        await command.ExecuteNonQueryAsync();
    }

    protected static async Task<long> ScalarAsync(PersistenceOptions options, string sql)
    {
        await using var node = NewNode(options);
        await using var db = await node.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<List<string>> TableNamesAsync(PersistenceOptions options) =>
        (await QueryAsync(options, options.Provider == PersistenceProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
        .ToList();

    /// <summary>Every table, column, index and foreign key of our tables, one sorted line each.</summary>
    private static async Task<List<string>> DescribeSchemaAsync(PersistenceOptions options)
    {
        var lines = options.Provider == PersistenceProvider.Sqlite
            ? await QueryAsync(options, """
                SELECT 'column ' || t.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
                FROM sqlite_master t, pragma_table_info(t.name) c
                WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite%' AND t.name NOT LIKE '\_\_EF%' ESCAPE '\'
                UNION ALL
                SELECT 'index ' || t.name || ' ' || i.name || ' unique=' || i."unique" || ' (' ||
                       (SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(i.name) ii ORDER BY ii.seqno)) || ')'
                FROM sqlite_master t, pragma_index_list(t.name) i
                WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite%' AND t.name NOT LIKE '\_\_EF%' ESCAPE '\'
                UNION ALL
                SELECT 'fk ' || t.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
                FROM sqlite_master t, pragma_foreign_key_list(t.name) f
                WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite%' AND t.name NOT LIKE '\_\_EF%' ESCAPE '\'
                UNION ALL
                SELECT 'sql ' || name || ' ' || replace(replace(sql, '"', ''), char(10), ' ')
                FROM sqlite_master WHERE type = 'table' AND name = 'journal'
                """)
            : await QueryAsync(options, """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable
                       || ' identity=' || is_identity || ' ' || coalesce(identity_generation, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%\_\_EF%'
                """);
        // A column added later (ALTER TABLE) is spaced differently in the table's SQL than one created with it.
        return lines.Select(l => l.StartsWith("sql ", StringComparison.Ordinal) ? System.Text.RegularExpressions.Regex.Replace(l, @"\s+", " ") : l)
            .Order(StringComparer.Ordinal).ToList();
    }

    protected static async Task<IEnumerable<string>> QueryAsync(PersistenceOptions options, string sql)
    {
        await using var node = NewNode(options);
        await using var db = await node.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
