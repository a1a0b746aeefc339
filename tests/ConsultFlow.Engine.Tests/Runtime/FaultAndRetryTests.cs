using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Tests.Runtime;

public sealed class FaultAndRetryTests
{
    private const string Flow = """
        {
          "id": "flaky-flow", "name": "故障重试",
          "variables": [{ "name": "n", "type": "number", "default": 0 }],
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "before", "type": "Flaky" },
              { "id": "count", "type": "SetVariable", "inputs": { "variable": "n", "value": { "$expr": { "+": [{ "var": "variables.n" }, 1] } } } },
              { "id": "flaky", "type": "Flaky" },
              { "id": "after", "type": "Flaky" },
              { "id": "end", "type": "End", "inputs": { "output": { "$expr": { "var": "variables.n" } } } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "before" },
              { "source": "before", "outcome": "Done", "target": "count" },
              { "source": "count", "outcome": "Done", "target": "flaky" },
              { "source": "flaky", "outcome": "Done", "target": "after" },
              { "source": "after", "outcome": "Done", "target": "end" }
            ]
          }
        }
        """;

    [Fact]
    public async Task A_throwing_activity_records_an_incident_and_a_retry_resumes_there_without_rerunning_earlier_work()
    {
        var flaky = new FlakyActivity();
        var h = new EngineHarness(extraActivities: [flaky]);
        await h.PublishAsync(Flow);

        var faulted = await h.StartAsync("flaky-flow");

        faulted.Status.Should().Be(WorkflowStatus.Faulted);
        faulted.Incident!.ActivityId.Should().Be("flaky");
        faulted.Incident.Message.Should().Contain("unreachable");
        faulted.Incident.At.Should().Be(h.Clock.GetUtcNow());
        (await h.JournalAsync(faulted.InstanceId)).Should().Contain(e => e.Kind == JournalKind.ActivityFaulted && e.ActivityId == "flaky");

        var stillBroken = await h.Runtime.RetryAsync(faulted.InstanceId, EngineHarness.Bob);
        stillBroken.Status.Should().Be(WorkflowStatus.Faulted);

        flaky.Broken = false;
        var done = await h.Runtime.RetryAsync(faulted.InstanceId, EngineHarness.Bob);

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Incident.Should().BeNull();
        flaky.RunsOf("before").Should().Be(1);
        flaky.RunsOf("flaky").Should().Be(3);
        flaky.RunsOf("after").Should().Be(1);
        done.Output!.GetValue<int>().Should().Be(1, "the variable was incremented once, before the fault");
        (await h.JournalAsync(faulted.InstanceId)).Count(e => e.Kind == JournalKind.InstanceRetried).Should().Be(2);
    }

    [Fact]
    public async Task Only_a_faulted_instance_can_be_retried_and_a_faulted_one_cannot_be_resumed()
    {
        var flaky = new FlakyActivity();
        var h = new EngineHarness(extraActivities: [flaky]);
        await h.PublishAsync(Flows.Review);
        var running = await h.StartAsync("review", """{ "amount": 1 }""");

        var retry = () => h.Runtime.RetryAsync(running.InstanceId, EngineHarness.Bob);

        (await retry.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Conflict);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_faults_the_instance_and_keeps_the_old_value()
    {
        var h = new EngineHarness();
        await h.PublishAsync("""
            {
              "id": "typed", "name": "类型",
              "variables": [{ "name": "count", "type": "number", "default": 7 }],
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "set", "type": "SetVariable", "inputs": { "variable": "count", "value": "many" } },
                  { "id": "end", "type": "End" }
                ],
                "connections": [
                  { "source": "start", "outcome": "Done", "target": "set" },
                  { "source": "set", "outcome": "Done", "target": "end" }
                ]
              }
            }
            """);

        var result = await h.StartAsync("typed");

        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.Incident!.Message.Should().Contain("count");
        (await h.StateAsync(result.InstanceId)).Variables["count"]!.GetValue<int>().Should().Be(7);
    }
}
