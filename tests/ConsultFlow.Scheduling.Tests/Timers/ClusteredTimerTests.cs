using ConsultFlow.Engine.State;
using ConsultFlow.Scheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ConsultFlow.Scheduling.Tests.Timers;

/// <summary>
/// PostgreSQL (production: Hangfire's PostgreSQL storage, shared by the nodes): two servers on one database, one timer, one effect; and a
/// timer due while no server ran fires once at the next start, journaled as late and why.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusteredTimerTests(PostgresServer postgres) : IDisposable
{
    private readonly List<string> folders = [];

    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Two_nodes_on_one_database_fire_a_timer_once()
    {
        var clock = new ManualClock(Monday);
        var database = await postgres.CreateDatabaseAsync();
        await using var first = new SchedulingServer(clock, "Postgres", database);
        await first.PublishAsync(TimerProcess.Id, TimerProcess.Definition);
        await using var second = new SchedulingServer(clock, "Postgres", database);
        _ = second.Services;

        var (instanceId, timerId, dueAt) = await TimerProcess.StartAsync(first);
        await Eventually.WaitAsync(() => CountAsync(database, "SELECT count(*) FROM hangfire.server"), n => n == 2, "both nodes checked in");
        await Eventually.WaitAsync(() => CountAsync(database, TimerJobs(timerId)), n => n == 1, "the timer's job, stored once in the shared tables");

        clock.Set(dueAt.AddSeconds(1));
        await Eventually.WaitAsync(() => TimerProcess.EffectsAsync(first, instanceId), n => n > 0, "the timer's effect");
        await Task.Delay(3000);
        (await TimerProcess.EffectsAsync(second, instanceId)).Should().Be(1);
        (await TimerProcess.FiresAsync(second, instanceId)).Should().Be(1);
        (await second.Runtime.FireTimerAsync(timerId, TimeSpan.FromMinutes(1), "test")).Should().BeFalse("a second fire is refused by the engine");
        (await TimerProcess.EffectsAsync(first, instanceId)).Should().Be(1);
        (await CountAsync(database, TimerJobs(timerId))).Should().Be(1, "one job, fired once");
        (await CountAsync(database, TimerJobs(timerId, "Succeeded"))).Should().Be(1);
    }

    /// <summary>PostgreSQL: the stored job, past due at start-up; SQLite: the in-memory job rebuilt from the bookmark, already past.</summary>
    [Theory]
    [InlineData("Postgres")]
    [InlineData("Sqlite")]
    public async Task A_timer_due_while_the_server_was_down_fires_once_at_start_up_and_the_journal_says_it_was_late(string provider)
    {
        var clock = new ManualClock(Monday);
        var folder = Directory.CreateTempSubdirectory("consultflow-misfire-").FullName;
        folders.Add(folder);
        var database = provider == "Postgres" ? await postgres.CreateDatabaseAsync() : SchedulingServer.SqliteFile(folder);
        Guid instanceId;
        DateTimeOffset dueAt;
        await using (var before = new SchedulingServer(clock, provider, database))
        {
            await before.PublishAsync(TimerProcess.Id, TimerProcess.Definition);
            Guid timerId;
            (instanceId, timerId, dueAt) = await TimerProcess.StartAsync(before);
            if (provider == "Postgres")
                await Eventually.WaitAsync(() => CountAsync(database, TimerJobs(timerId)), n => n == 1, "the job stored before the shutdown");
            else
                await Task.Delay(500);
        }

        // Down from 10:00 to 14:00; the timer was due at 11:00.
        clock.Set(dueAt.AddHours(3));
        await using var after = new SchedulingServer(clock, provider, database);
        _ = after.Services;
        await Eventually.WaitAsync(() => TimerProcess.EffectsAsync(after, instanceId), n => n > 0, "the missed timer's effect after start-up");
        await Task.Delay(2500);
        (await TimerProcess.EffectsAsync(after, instanceId)).Should().Be(1);
        (await TimerProcess.FiresAsync(after, instanceId)).Should().Be(1);

        var late = (await after.JournalAsync(instanceId)).Should().ContainSingle(e => e.Kind == JournalKind.TimerFiredLate).Subject;
        late.ActivityId.Should().Be("wait");
        late.Message.Should().Contain("停机").And.Contain("server was down");
        DateTimeOffset.Parse(late.Data!["dueAt"]!.GetValue<string>()).Should().Be(dueAt);
        late.Data["lateBySeconds"]!.GetValue<long>().Should().Be(3 * 3600);
    }

    /// <summary>Hangfire's jobs for the timer (its argument is the bookmark id), in a state or any.</summary>
    internal static string TimerJobs(Guid timerId, string? state = null) =>
        $"SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%FireTimerJob%' AND arguments::text LIKE '%{timerId}%'"
        + (state is null ? "" : $" AND statename = '{state}'");

    internal static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in folders)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
