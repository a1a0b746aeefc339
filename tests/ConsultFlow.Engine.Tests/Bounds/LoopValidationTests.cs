using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Tests.Runtime;

namespace ConsultFlow.Engine.Tests.Bounds;

/// <summary>A loop that never waits would spin a core in one step; a connection into Start would restart the case.</summary>
public sealed class LoopValidationTests
{
    private readonly EngineHarness harness = new();

    private IReadOnlyList<string> Codes(string activities, string connections) => harness.Definitions.Validate(WorkflowJson.ParseDefinition($$"""
        { "id": "loop", "name": "环路", "variables": [{ "name": "v", "type": "integer", "default": 0 }],
          "flowchart": { "activities": [{{activities}}], "connections": [{{connections}}] } }
        """)).Select(e => e.Code).ToList();

    [Fact]
    public void A_cycle_of_activities_that_never_wait_is_refused()
    {
        Codes("""
            { "id": "start", "type": "Start" },
            { "id": "a", "type": "SetVariable", "inputs": { "variable": "v", "value": 1 } },
            { "id": "b", "type": "SetVariable", "inputs": { "variable": "v", "value": 2 } }
            """, """
            { "source": "start", "outcome": "Done", "target": "a" },
            { "source": "a", "outcome": "Done", "target": "b" },
            { "source": "b", "outcome": "Done", "target": "a" }
            """).Should().Contain("loop-without-wait");
    }

    [Fact]
    public void An_activity_connected_to_itself_and_a_connection_into_start_are_refused()
    {
        Codes("""
            { "id": "start", "type": "Start" },
            { "id": "a", "type": "SetVariable", "inputs": { "variable": "v", "value": 1 } }
            """, """
            { "source": "start", "outcome": "Done", "target": "a" },
            { "source": "a", "outcome": "Done", "target": "a" }
            """).Should().Contain("loop-without-wait");
        Codes("""
            { "id": "start", "type": "Start" },
            { "id": "a", "type": "SetVariable", "inputs": { "variable": "v", "value": 1 } }
            """, """
            { "source": "start", "outcome": "Done", "target": "a" },
            { "source": "a", "outcome": "Done", "target": "start" }
            """).Should().Contain("into-start");
    }

    [Fact]
    public void A_loop_through_a_human_task_is_a_loop_people_drive_and_is_accepted()
    {
        Codes("""
            { "id": "start", "type": "Start" },
            { "id": "ask", "type": "HumanTask", "inputs": { "title": "修改", "assigneeRole": "staff", "outcomes": [{ "name": "again" }, { "name": "done" }] } },
            { "id": "count", "type": "SetVariable", "inputs": { "variable": "v", "value": 1 } },
            { "id": "end", "type": "End" }
            """, """
            { "source": "start", "outcome": "Done", "target": "ask" },
            { "source": "ask", "outcome": "again", "target": "count" },
            { "source": "count", "outcome": "Done", "target": "ask" },
            { "source": "ask", "outcome": "done", "target": "end" }
            """).Should().NotContain("loop-without-wait").And.NotContain("into-start");
    }
}
