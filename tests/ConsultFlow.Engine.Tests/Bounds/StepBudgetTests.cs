using ConsultFlow.Activities;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.InMemory;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tests.Runtime;

namespace ConsultFlow.Engine.Tests.Bounds;

/// <summary>
/// A definition published before the loop check (or stored by other means) must still not spin: the step faults with
/// an incident after the activity budget, and a step that would create more tasks than allowed is refused whole.
/// </summary>
public sealed class StepBudgetTests
{
    private static (WorkflowRuntime Runtime, InMemoryInstanceStore Store, InMemoryDefinitionStore Definitions) Engine(StepLimits limits)
    {
        var store = new InMemoryInstanceStore();
        var definitions = new InMemoryDefinitionStore();
        var registry = new ActivityRegistry(BuiltInActivities.Create());
        var clock = new ManualClock(EngineHarness.DefaultStart);
        // No validator in the way: the point is what the runner does with a definition that got through anyway.
        var service = new DefinitionService(definitions, new ConsultFlow.Engine.Validation.DefinitionValidator(registry), clock);
        var runtime = new WorkflowRuntime(store, service, registry, clock, new JsonLogicEvaluator(),
            new EngineEnvironment(DeploymentProfile.Empty, new DeadlineCalculator(EngineHarness.SharedCalendar)) { Limits = limits });
        return (runtime, store, definitions);
    }

    private static async Task StoreAsPublishedAsync(InMemoryDefinitionStore store, string json)
    {
        var definition = WorkflowJson.ParseDefinition(json);
        await store.SaveAsync(new DefinitionRecord(definition.Id, 1, DefinitionStatus.Published, definition with { Version = 1 },
            EngineHarness.DefaultStart, EngineHarness.DefaultStart, EngineHarness.DefaultStart, null), null);
    }

    [Fact]
    public async Task A_loop_without_waiting_faults_the_instance_with_an_incident_instead_of_spinning()
    {
        var (runtime, _, definitions) = Engine(new StepLimits { MaxActivitiesPerStep = 500 });
        await StoreAsPublishedAsync(definitions, """
            { "id": "spin", "name": "空转", "variables": [{ "name": "v", "type": "integer", "default": 0 }],
              "flowchart": { "activities": [
                { "id": "start", "type": "Start" },
                { "id": "a", "type": "SetVariable", "inputs": { "variable": "v", "value": 1 } },
                { "id": "b", "type": "SetVariable", "inputs": { "variable": "v", "value": 2 } } ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "a" },
                { "source": "a", "outcome": "Done", "target": "b" },
                { "source": "b", "outcome": "Done", "target": "a" } ] } }
            """);

        var result = await runtime.StartAsync(new StartWorkflow("spin"), EngineHarness.Alice);

        result.Status.Should().Be(WorkflowStatus.Faulted);
        var state = (await runtime.Store.LoadAsync(result.InstanceId))!.State;
        state.Incident!.Message.Should().Contain("500");
        (await runtime.Store.GetJournalAsync(result.InstanceId)).Count(e => e.Kind == JournalKind.ActivityStarted).Should().BeLessThanOrEqualTo(501);
    }

    [Fact]
    public async Task A_step_that_would_create_more_tasks_than_allowed_is_refused_and_writes_nothing()
    {
        var (runtime, store, definitions) = Engine(new StepLimits { MaxTasksPerStep = 3 });
        await StoreAsPublishedAsync(definitions, """
            { "id": "fanout", "name": "分发", "inputs": [{ "name": "units", "type": "stringList", "maxItems": 1000 }],
              "flowchart": { "activities": [
                { "id": "start", "type": "Start" },
                { "id": "each", "type": "ParallelForEach", "inputs": { "items": { "$expr": { "var": "input.units" } } },
                  "body": { "activities": [
                    { "id": "ask", "type": "HumanTask", "inputs": { "title": "办理", "assigneeAgency": { "$expr": { "var": "item" } }, "assigneeRole": "staff", "outcomes": [{ "name": "done" }] } } ],
                    "connections": [] } },
                { "id": "end", "type": "End" } ],
              "connections": [
                { "source": "start", "outcome": "Done", "target": "each" },
                { "source": "each", "outcome": "Done", "target": "end" } ] } }
            """);

        var start = () => runtime.StartAsync(new StartWorkflow("fanout", new() { ["units"] = new System.Text.Json.Nodes.JsonArray("a", "b", "c", "d") }), EngineHarness.Alice);

        (await start.Should().ThrowAsync<EngineException>()).Which.Code.Should().Be(EngineErrorCode.Invalid);
        (await store.ListInstancesAsync(new InstanceQuery())).Should().BeEmpty();
        (await store.ListTasksAsync(new TaskQuery())).Should().BeEmpty();
    }
}
