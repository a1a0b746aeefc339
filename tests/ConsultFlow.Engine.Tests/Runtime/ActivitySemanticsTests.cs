using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>One behaviour per flow activity, on the in-memory store.</summary>
public sealed class ActivitySemanticsTests
{
    private static string Switch(bool matchAll) => $$"""
        {
          "id": "switch", "name": "分流",
          "inputs": [{ "name": "kind", "type": "string" }],
          "variables": [{ "name": "hits", "type": "stringList", "default": [] }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "route", "type": "Switch", "inputs": { "matchAll": {{(matchAll ? "true" : "false")}}, "cases": [
                  { "outcome": "urgent", "condition": { "in": [{ "var": "input.kind" }, ["urgent", "both"]] } },
                  { "outcome": "major", "condition": { "in": [{ "var": "input.kind" }, ["major", "both"]] } } ] } },
              { "id": "urgent", "type": "SetVariable", "inputs": { "variable": "hits", "value": { "$expr": { "merge": [{ "var": "variables.hits" }, ["urgent"]] } } } },
              { "id": "major", "type": "SetVariable", "inputs": { "variable": "hits", "value": { "$expr": { "merge": [{ "var": "variables.hits" }, ["major"]] } } } },
              { "id": "other", "type": "SetVariable", "inputs": { "variable": "hits", "value": ["default"] } },
              { "id": "end", "type": "Join" },
              { "id": "done", "type": "End", "inputs": { "output": { "$expr": { "var": "variables.hits" } } } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "route" },
              { "source": "route", "outcome": "urgent", "target": "urgent" },
              { "source": "route", "outcome": "major", "target": "major" },
              { "source": "route", "outcome": "Default", "target": "other" },
              { "source": "urgent", "outcome": "Done", "target": "end" },
              { "source": "major", "outcome": "Done", "target": "end" },
              { "source": "other", "outcome": "Done", "target": "end" },
              { "source": "end", "outcome": "Done", "target": "done" }
            ]
          }
        }
        """;

    [Theory]
    [InlineData(false, "urgent", "urgent")]
    [InlineData(false, "both", "urgent")]
    [InlineData(true, "both", "urgent,major")]
    [InlineData(false, "minor", "default")]
    public async Task Switch_follows_the_first_matching_case_every_case_or_default(bool matchAll, string kind, string expected)
    {
        var h = new EngineHarness();
        await h.PublishAsync(Switch(matchAll));

        var done = await h.StartAsync("switch", $$"""{ "kind": "{{kind}}" }""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        string.Join(",", done.Output!.AsArray().Select(x => x!.GetValue<string>())).Should().Be(expected);
        (await h.JournalAsync(done.InstanceId)).Count(e => e.Kind == JournalKind.ActivityStarted && e.ActivityId == "end").Should().Be(1,
            "a wait-all join runs once even when only some of its branches were taken");
    }

    [Fact]
    public async Task Fault_activity_stops_the_instance_with_its_message()
    {
        var h = new EngineHarness();
        await h.PublishAsync("""
            {
              "id": "fault", "name": "故障",
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "boom", "type": "Fault", "inputs": { "message": "不应到达此处" } }
                ],
                "connections": [{ "source": "start", "outcome": "Done", "target": "boom" }]
              }
            }
            """);

        var result = await h.StartAsync("fault");

        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.Incident!.ActivityId.Should().Be("boom");
        result.Incident.Message.Should().Be("不应到达此处");
    }

    [Fact]
    public async Task A_join_inside_a_parallel_body_waits_per_item()
    {
        var h = new EngineHarness();
        await h.PublishAsync("""
            {
              "id": "nested", "name": "嵌套",
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "each", "type": "ParallelForEach", "inputs": { "items": ["a", "b"] }, "body": {
                    "activities": [
                      { "id": "fork", "type": "Fork", "inputs": { "branches": ["x", "y"] } },
                      { "id": "x", "type": "HumanTask", "inputs": { "title": "x", "assigneeAgency": { "$expr": { "var": "item" } }, "assigneeRole": "staff", "outcomes": [{ "name": "ok" }] } },
                      { "id": "y", "type": "HumanTask", "inputs": { "title": "y", "assigneeAgency": { "$expr": { "var": "item" } }, "assigneeRole": "leader", "outcomes": [{ "name": "ok" }] } },
                      { "id": "meet", "type": "Join" }
                    ],
                    "connections": [
                      { "source": "fork", "outcome": "x", "target": "x" },
                      { "source": "fork", "outcome": "y", "target": "y" },
                      { "source": "x", "outcome": "ok", "target": "meet" },
                      { "source": "y", "outcome": "ok", "target": "meet" }
                    ] } },
                  { "id": "end", "type": "End" }
                ],
                "connections": [
                  { "source": "start", "outcome": "Done", "target": "each" },
                  { "source": "each", "outcome": "Done", "target": "end" }
                ]
              }
            }
            """);
        var started = await h.StartAsync("nested");
        var tasks = await h.OpenTasksAsync(started.InstanceId);
        tasks.Should().HaveCount(4);

        foreach (var task in tasks.Where(t => t.AssigneeAgency == "a"))
            await h.CompleteAsync(task, "ok");
        await h.CompleteAsync(tasks.Single(t => t.AssigneeAgency == "b" && t.ActivityId == "x"), "ok");
        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended);
        var journal = await h.JournalAsync(started.InstanceId);
        journal.Count(e => e.Kind == JournalKind.ActivityStarted && e.ActivityId == "meet").Should().Be(1);

        var done = await h.CompleteAsync(tasks.Single(t => t.AssigneeAgency == "b" && t.ActivityId == "y"), "ok");
        done.Status.Should().Be(WorkflowStatus.Completed);
    }
}
