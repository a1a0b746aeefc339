using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tests.Runtime;
using ConsultFlow.Engine.Validation;

namespace ConsultFlow.Engine.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    private readonly EngineHarness harness = new();

    private IReadOnlyList<ValidationError> Validate(string json) => harness.Definitions.Validate(WorkflowJson.ParseDefinition(json));

    private static string Definition(string activities, string connections) => $$"""
        { "id": "check", "name": "检查", "variables": [{ "name": "v", "type": "string" }],
          "flowchart": { "activities": [{{activities}}], "connections": [{{connections}}] } }
        """;

    [Fact]
    public void The_shipped_test_flows_are_valid()
    {
        foreach (var json in new[] { Flows.Review, Flows.ForkJoin("waitAll"), Flows.ForkJoin("waitAny"), Flows.Opinions(), Flows.Timer, Flows.WaitForReceipt, Flows.Parent(true) })
            Validate(json).Should().BeEmpty();
    }

    [Fact]
    public void Every_error_is_reported_with_its_location()
    {
        var errors = Validate(Definition(
            """
            { "id": "start", "type": "Start" },
            { "id": "mystery", "type": "Teleport" },
            { "id": "ask", "type": "HumanTask", "inputs": { "title": 42, "assigneeRole": "staff", "outcomes": [{ "name": "ok" }], "colour": "red" } },
            { "id": "orphan", "type": "End" },
            { "id": "join", "type": "Join" },
            { "id": "set", "type": "SetVariable", "inputs": { "variable": "undeclared", "value": 1 } },
            { "id": "bad", "type": "Decision", "inputs": { "condition": { "$expr": { "frobnicate": [1] } } } }
            """,
            """
            { "source": "start", "outcome": "Done", "target": "ask" },
            { "source": "ask", "outcome": "maybe", "target": "join" },
            { "source": "ask", "outcome": "ok", "target": "nowhere" },
            { "source": "ghost", "outcome": "Done", "target": "set" },
            { "source": "join", "outcome": "Done", "target": "set" },
            { "source": "set", "outcome": "Done", "target": "bad" }
            """));

        errors.Select(e => (e.Code, e.Path)).Should().Contain(
        [
            ("unknown-type", "flowchart.activities[1].type"),
            ("wrong-type", "flowchart.activities[2].inputs.title"),
            ("required", "flowchart.activities[2].inputs.assigneeAgency"),
            ("unknown-input", "flowchart.activities[2].inputs.colour"),
            ("unknown-outcome", "flowchart.connections[1].outcome"),
            ("missing-activity", "flowchart.connections[2].target"),
            ("missing-activity", "flowchart.connections[3].source"),
            ("unreachable", "flowchart.activities[3]"),
            ("join-needs-branches", "flowchart.activities[4]"),
            ("wrong-type", "flowchart.activities[5].inputs.variable"),
            ("bad-expression", "flowchart.activities[6].inputs.condition"),
        ]);
        errors.Single(e => e.Code == "unknown-outcome").Message.Should().Contain("ok");
    }

    [Fact]
    public void A_flowchart_needs_exactly_one_start()
    {
        Validate(Definition("""{ "id": "end", "type": "End" }""", "")).Select(e => e.Code).Should().Contain("no-start");
        Validate(Definition("""{ "id": "a", "type": "Start" }, { "id": "b", "type": "Start" }""", "")).Select(e => e.Code).Should().Contain("several-starts");
    }

    [Fact]
    public void Containers_need_a_body_and_ids_must_be_unique()
    {
        var errors = Validate(Definition(
            """
            { "id": "start", "type": "Start" },
            { "id": "each", "type": "ParallelForEach", "inputs": { "items": [1] } },
            { "id": "start", "type": "End", "body": { "activities": [], "connections": [] } }
            """,
            """{ "source": "start", "outcome": "Done", "target": "each" }"""));

        errors.Select(e => e.Code).Should().Contain(["body-required", "body-not-allowed", "duplicate-id"]);
    }

    [Fact]
    public async Task Publishing_refuses_an_invalid_draft_and_lists_the_problems()
    {
        var draft = await harness.Definitions.SaveDraftAsync(WorkflowJson.ParseDefinition(Definition("""{ "id": "end", "type": "End" }""", "")));

        var publish = () => harness.Definitions.PublishAsync(draft.DefinitionId, draft.Version);

        (await publish.Should().ThrowAsync<EngineException>()).Which.Errors.Should().Contain(e => e.Field == "flowchart");
        (await harness.Definitions.GetAsync("check", draft.Version)).Status.Should().Be(DefinitionStatus.Draft);
    }

    [Fact]
    public void Definitions_round_trip_through_json_with_expressions_and_literals_apart()
    {
        var definition = WorkflowJson.ParseDefinition(Flows.Review);
        var again = WorkflowJson.ParseDefinition(WorkflowJson.Serialize(definition));

        WorkflowJson.Serialize(again).Should().Be(WorkflowJson.Serialize(definition));
        var review = again.Flowchart.Activities.Single(a => a.Id == "review");
        review.Inputs["assigneeAgency"].IsExpression.Should().BeFalse();
        again.Flowchart.Activities.Single(a => a.Id == "big").Inputs["condition"].IsExpression.Should().BeTrue();
    }
}
