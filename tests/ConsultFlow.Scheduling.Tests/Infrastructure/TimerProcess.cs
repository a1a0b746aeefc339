using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Scheduling.Tests.Infrastructure;

/// <summary>A process that waits two hours on a timer and then gives the coordination office one task: its effect.</summary>
public static class TimerProcess
{
    public const string Id = "timer-demo";

    public const string Definition = """
        {
          "id": "timer-demo", "name": "定时测试",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "wait", "type": "Timer", "inputs": { "duration": { "amount": 2, "unit": "hours", "legalBasis": "测试依据" } } },
              { "id": "after", "type": "HumanTask", "inputs": { "title": "到期后办理", "assigneeAgency": "sfj", "assigneeRole": "coordinator",
                  "outcomes": [{ "name": "done", "label": "完成" }] } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "wait" },
              { "source": "wait", "outcome": "Done", "target": "after" },
              { "source": "after", "outcome": "done", "target": "end" }
            ]
          }
        }
        """;

    /// <summary>Starts one instance; returns it and its timer's bookmark and due time.</summary>
    public static async Task<(Guid InstanceId, Guid TimerId, DateTimeOffset DueAt)> StartAsync(SchedulingServer server)
    {
        var started = await server.Runtime.StartAsync(new StartWorkflow(Id), Actor.System);
        var state = (await server.Runtime.GetInstanceAsync(started.InstanceId))!.State;
        var timer = state.Bookmarks.Single(b => b.Kind == BookmarkKind.Timer);
        return (started.InstanceId, timer.Id, timer.DueAt!.Value);
    }

    /// <summary>How many times the effect happened: tasks of the activity after the timer.</summary>
    public static async Task<int> EffectsAsync(SchedulingServer server, Guid instanceId) =>
        (await server.Runtime.Store.ListTasksAsync(new TaskQuery { InstanceId = instanceId })).Count(t => t.ActivityId == "after");

    public static async Task<int> FiresAsync(SchedulingServer server, Guid instanceId) =>
        (await server.JournalAsync(instanceId)).Count(e => e.Kind == JournalKind.BookmarkResumed && e.ActivityId == "wait");
}
