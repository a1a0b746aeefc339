using ConsultFlow.Engine.State;
using ConsultFlow.Scheduling.Tests.Infrastructure;
using ConsultFlow.Server.Features.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Scheduling.Tests.Timers;

/// <summary>SQLite (the embedded default, Hangfire's in-memory storage): a pending timer survives a restart of the server.</summary>
public sealed class TimerRestartTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-scheduling-").FullName;

    [Fact]
    public async Task A_timer_pending_at_shutdown_fires_once_after_the_restart_at_its_due_time()
    {
        var clock = new ManualClock(Monday);
        var database = SchedulingServer.SqliteFile(folder);
        Guid instanceId, timerId;
        DateTimeOffset dueAt;
        await using (var first = new SchedulingServer(clock, "Sqlite", database))
        {
            await first.PublishAsync(TimerProcess.Id, TimerProcess.Definition);
            (instanceId, timerId, dueAt) = await TimerProcess.StartAsync(first);
            dueAt.Should().Be(Monday.AddHours(2));
            var scheduler = first.Services.GetRequiredService<ConsultFlowScheduler>();
            await Eventually.WaitAsync(() => Task.FromResult(scheduler.PendingJob(DueWorkKeys.ForTimer(timerId))), j => j is not null, "the timer's job after the step");
            clock.Set(Monday.AddHours(1));
            await Task.Delay(1500);
            (await TimerProcess.FiresAsync(first, instanceId)).Should().Be(0, "an hour before its due time");
        }

        await using var second = new SchedulingServer(clock, "Sqlite", database);
        var ready = await second.CreateClient().GetAsync("/health/ready");
        ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        var rebuilt = second.Services.GetRequiredService<ConsultFlowScheduler>();
        rebuilt.PendingJob(DueWorkKeys.ForTimer(timerId)).Should().NotBeNull("the in-memory storage is rebuilt from the bookmarks at start-up");
        (await second.StatusAsync(instanceId)).Should().Be(WorkflowStatus.Suspended);
        await Task.Delay(1500);
        (await TimerProcess.FiresAsync(second, instanceId)).Should().Be(0);

        clock.Set(dueAt.AddSeconds(1));
        await Eventually.WaitAsync(() => TimerProcess.EffectsAsync(second, instanceId), n => n > 0, "the timer's effect");
        await Task.Delay(2500);
        (await TimerProcess.EffectsAsync(second, instanceId)).Should().Be(1);
        (await TimerProcess.FiresAsync(second, instanceId)).Should().Be(1);
        (await second.JournalAsync(instanceId)).Should().NotContain(e => e.Kind == JournalKind.TimerFiredLate, "it fired on time");
        rebuilt.PendingJob(DueWorkKeys.ForTimer(timerId)).Should().BeNull("a timer's job is done once fired");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
