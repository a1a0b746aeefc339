using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Scheduling.Tests.Infrastructure;
using ConsultFlow.Server.Features.Scheduling;
using ConsultFlow.Server.Features.Scheduling.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ConsultFlow.Scheduling.Tests.Timers;

/// <summary>
/// An installation that scheduled with Quartz (its tables, a pending trigger for a case's timer, no Hangfire schema)
/// started with this version: the Quartz tables are dropped, the pending work is rebuilt from the engine's bookmark,
/// and the timer fires once at its due time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QuartzUpgradeTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Pending_Quartz_triggers_become_Hangfire_jobs_and_fire_once()
    {
        var clock = new ManualClock(Monday);
        var database = await postgres.CreateDatabaseAsync();
        Guid instanceId, timerId;
        DateTimeOffset dueAt;
        await using (var before = new SchedulingServer(clock, "Postgres", database))
        {
            await before.PublishAsync(TimerProcess.Id, TimerProcess.Definition);
            (instanceId, timerId, dueAt) = await TimerProcess.StartAsync(before);
            // Back to the Quartz era: its tables (0002's Down), its trigger for this timer, and no Hangfire at all.
            await using var db = await before.Services.GetRequiredService<IDbContextFactory<SchedulingDbContext>>().CreateDbContextAsync();
            await LockedMigration.RunAsync(db, 0x4366517561727A74, QuartzTables.Id, CancellationToken.None);
        }
        await ExecuteAsync(database, "DROP SCHEMA hangfire CASCADE");
        await ExecuteAsync(database, $"""
            INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
            VALUES ('consultflow', 'timer-{timerId}', 'timers', 'ConsultFlow.Server.Features.Timers.FireTimerJob', false, true, false, true);
            INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, trigger_state, trigger_type, start_time)
            VALUES ('consultflow', 'timer-{timerId}', 'timers', 'timer-{timerId}', 'timers', {dueAt.UtcTicks}, 'WAITING', 'SIMPLE', {dueAt.UtcTicks});
            """);
        (await ClusteredTimerTests.CountAsync(database, "SELECT count(*) FROM qrtz_triggers")).Should().Be(1);

        await using var after = new SchedulingServer(clock, "Postgres", database);
        _ = after.Services;
        (await ClusteredTimerTests.CountAsync(database, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%'"))
            .Should().Be(0, "the Quartz tables are gone");
        await Eventually.WaitAsync(() => ClusteredTimerTests.CountAsync(database,
            $"SELECT count(*) FROM hangfire.hash WHERE key = 'consultflow:due:timer:{timerId}'"), n => n > 0, "the timer's job rebuilt from the bookmark");
        (await TimerProcess.EffectsAsync(after, instanceId)).Should().Be(0, "not before its time");

        clock.Set(dueAt.AddSeconds(1));
        await Eventually.WaitAsync(() => TimerProcess.EffectsAsync(after, instanceId), n => n > 0, "the timer's effect at its due time");
        await Task.Delay(2000);
        (await TimerProcess.EffectsAsync(after, instanceId)).Should().Be(1);
        (await TimerProcess.FiresAsync(after, instanceId)).Should().Be(1);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
