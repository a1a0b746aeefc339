using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Tests.Format;

/// <summary>
/// Keeps the documented format honest: every shipped workflow file must fit docs/workflow.schema.json and parse, the
/// worked example in docs/workflow-format.md must be the example file, and the schema check must be able to fail.
/// </summary>
public sealed class WorkflowSchemaTests
{
    private const string ExampleFile = "Workflows/examples/simple-consultation.json";
    private const string ExampleMarker = "<!-- worked-example: " + ExampleFile + " -->";

    private static readonly Lazy<JsonSchemaChecker> Schema = new(() =>
        JsonSchemaChecker.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "workflow.schema.json"))));

    [Fact]
    public void Every_workflow_file_fits_the_schema_and_parses()
    {
        var folder = Path.Combine(Repository.Root, "Workflows");
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(folder, f).Replace('\\', '/').StartsWith("profiles/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        files.Should().NotBeEmpty("the check would pass vacuously without any file under {0}", folder);

        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
            var json = File.ReadAllText(file);
            try
            {
                problems.AddRange(Schema.Value.Check(json).Select(e => $"{name}: {e}"));
                WorkflowJson.ParseDefinition(json);
            }
            catch (JsonException ex)
            {
                problems.Add($"{name}: {ex.Message}");
            }
        }
        problems.Should().BeEmpty("every workflow file must fit docs/workflow.schema.json:\n{0}", string.Join("\n", problems));
    }

    [Fact]
    public void The_worked_example_in_the_docs_parses_and_is_the_example_file()
    {
        var documented = DocumentedExample();

        var definition = WorkflowJson.ParseDefinition(documented);

        definition.Id.Should().Be("examples.simple-consultation");
        definition.Flowchart.Activities.Should().ContainSingle(a => a.Type == BuiltInActivityTypes.Start);
        definition.AllActivities.Select(a => a.Id).Should().Contain(new[] { "review", "opinions", "opinion", "consensus" });
        Schema.Value.Check(documented).Should().BeEmpty();
        var file = File.ReadAllText(Path.Combine(Repository.Root, ExampleFile));
        JsonNode.DeepEquals(JsonNode.Parse(documented), JsonNode.Parse(file))
            .Should().BeTrue("the worked example in docs/workflow-format.md must be {0} word for word (as JSON)", ExampleFile);
    }

    [Fact]
    public void One_valid_activity_of_every_built_in_type_passes()
    {
        // Exercises every per-type rule of the schema in its accepting direction.
        var errors = Schema.Value.Check("""
            {
              "id": "all-types", "name": "全部类型",
              "variables": [
                { "name": "note", "type": "string", "default": "" },
                { "name": "count", "type": "integer", "default": 0 },
                { "name": "day", "type": "date", "default": "2026-03-02" },
                { "name": "agencies", "type": "agencies", "default": ["sfj", "scjg"] }
              ],
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "fork", "type": "Fork", "inputs": { "branches": ["a", "b"] } },
                  { "id": "wait", "type": "Timer", "inputs": { "duration": { "amount": 24, "unit": "hours", "region": "CN-NX" } } },
                  { "id": "at", "type": "Timer", "inputs": { "at": { "$expr": { "var": "input.when" } } } },
                  { "id": "yearly", "type": "Timer", "inputs": { "yearlyOn": "01-15" } },
                  { "id": "ruled", "type": "Timer", "inputs": { "duration": { "rule": "referral.headDecision" } } },
                  { "id": "alert", "type": "RaiseAlert", "inputs": { "level": "red", "notify": [{ "agency": { "$expr": { "var": "profile.agencies.coordinationOffice" } }, "role": "coordinator" }], "message": "逾期" } },
                  { "id": "join", "type": "Join", "inputs": { "mode": "waitAny" } },
                  { "id": "msg", "type": "WaitForMessage", "inputs": { "messageName": "ReceiptSigned", "correlationKey": { "$expr": { "var": "input.caseNo" } } } },
                  { "id": "set", "type": "SetVariable", "inputs": { "variable": "note", "value": { "$expr": { "cat": ["a", "b"] } } } },
                  { "id": "switch", "type": "Switch", "inputs": { "cases": [{ "outcome": "big", "condition": { ">": [{ "var": "input.n" }, 1] } }], "matchAll": false } },
                  { "id": "decide", "type": "Decision", "inputs": { "condition": true } },
                  { "id": "child", "type": "SubWorkflow", "inputs": { "definitionId": "review", "version": 2, "input": { "amount": 1 }, "waitForCompletion": true } },
                  { "id": "each", "type": "ParallelForEach", "inputs": { "items": ["sfj"], "completionCondition": { "$expr": { ">=": [{ "var": "completedCount" }, 1] } } },
                    "body": { "activities": [{ "id": "task", "type": "HumanTask", "inputs": {
                      "title": { "zh": "提出意见", "en": "Give an opinion" }, "assigneeAgency": { "$expr": { "var": "item" } }, "assigneeRole": "contact",
                      "form": { "fields": [{ "key": "n", "label": { "zh": "数量" }, "type": "number", "min": 0, "max": 10, "required": true }] },
                      "outcomes": [{ "name": "done" }], "due": { "amount": 1, "unit": "months" }, "expiryOutcome": "noReply",
                      "overdueAlert": { "notify": [{ "agency": "sfj", "role": "coordinator" }], "message": "未按期反馈" } } }],
                      "connections": [] } },
                  { "id": "fault", "type": "Fault", "inputs": { "message": "不应到达" } },
                  { "id": "custom", "type": "AcmeStamp", "inputs": { "anything": { "goes": [1, 2] } } },
                  { "id": "end", "type": "End", "position": { "x": 1.5, "y": -2 } }
                ],
                "connections": [{ "source": "start", "outcome": "Done", "target": "fork" }]
              }
            }
            """);

        errors.Should().BeEmpty();
    }

    [Fact]
    public void The_example_file_itself_passes_before_being_broken()
    {
        // The tests below break this document in one place each; it must be valid to begin with.
        Schema.Value.Check(Example()).Should().BeEmpty();
    }

    [Fact]
    public void A_missing_id_is_rejected()
    {
        var doc = Example();
        doc.Remove("id");

        Schema.Value.Check(doc).Should().Contain("$: the property \"id\" is required");
    }

    [Theory]
    [InlineData("Consultation")]
    [InlineData("1consult")]
    [InlineData("consult flow")]
    [InlineData("")]
    public void An_id_outside_the_pattern_is_rejected(string id)
    {
        var doc = Example();
        doc["id"] = id;

        Schema.Value.Check(doc).Should().ContainSingle(e => e.StartsWith("$.id: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_properties_are_rejected_at_every_level()
    {
        var doc = Example();
        doc["nmae"] = "会商";
        doc["inputs"]![0]!.AsObject()["lable"] = "提请单位";
        Activity(doc, "review")["inptus"] = new JsonObject();
        Activity(doc, "opinion")["inputs"]!.AsObject()["assignee"] = "sfj";
        doc["flowchart"]!["connections"]![0]!.AsObject()["when"] = "always";

        Schema.Value.Check(doc).Should().BeEquivalentTo(
            "$.nmae: unknown property \"nmae\"",
            "$.inputs[0].lable: unknown property \"lable\"",
            "$.flowchart.activities[1].inptus: unknown property \"inptus\"",
            "$.flowchart.activities[2].body.activities[0].inputs.assignee: unknown property \"assignee\"",
            "$.flowchart.connections[0].when: unknown property \"when\"");
    }

    [Fact]
    public void Values_outside_an_enum_are_rejected()
    {
        var doc = Example();
        doc["inputs"]![1]!.AsObject()["type"] = "text";
        Inputs(doc, "opinion")["due"]!.AsObject()["unit"] = "days";
        Inputs(doc, "review")["form"]!["fields"]![0]!.AsObject()["type"] = "agencyList";

        var errors = Schema.Value.Check(doc);

        errors.Should().Contain(e => e.StartsWith("$.inputs[1].type: \"text\" is not one of", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("$.flowchart.activities[2].body.activities[0].inputs.due:", StringComparison.Ordinal)
            && e.Contains("\"days\" is not one of", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("$.flowchart.activities[1].inputs.form:", StringComparison.Ordinal)
            && e.Contains("\"agencyList\" is not one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Literals_of_the_wrong_type_are_rejected()
    {
        var doc = Example();
        doc["version"] = "1";
        Inputs(doc, "review")["title"] = 42;
        Inputs(doc, "review")["assigneeRole"] = new JsonArray("coordinator");
        Inputs(doc, "review")["outcomes"] = new JsonObject { ["name"] = "accept" };
        Inputs(doc, "consensus")["condition"] = "yes";
        Inputs(doc, "opinion")["due"]!.AsObject()["amount"] = 0;
        Activity(doc, "start")["position"]!.AsObject()["x"] = "0";
        doc["inputs"]![4]!.AsObject()["default"] = "false";

        var errors = Schema.Value.Check(doc);

        errors.Should().Contain("$.version: expected integer, found string");
        errors.Should().Contain(e => e.StartsWith("$.flowchart.activities[1].inputs.title: matches none", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("$.flowchart.activities[1].inputs.assigneeRole: matches none", StringComparison.Ordinal));
        errors.Should().Contain("$.flowchart.activities[1].inputs.outcomes: expected array, found object");
        errors.Should().Contain(e => e.StartsWith("$.flowchart.activities[3].inputs.condition: matches none", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("$.flowchart.activities[2].body.activities[0].inputs.due:", StringComparison.Ordinal)
            && e.Contains("less than the minimum 1", StringComparison.Ordinal));
        errors.Should().Contain("$.flowchart.activities[0].position.x: expected number, found string");
        errors.Should().Contain("$.inputs[4].default: expected boolean or null, found string");
        errors.Should().HaveCount(8);
    }

    [Fact]
    public void An_expression_is_accepted_where_a_literal_of_another_type_is_expected()
    {
        var doc = Example();
        Inputs(doc, "review")["assigneeAgency"] = Expression(new JsonObject { ["var"] = "input.requestingAgency" });
        Inputs(doc, "review")["due"] = Expression(new JsonObject { ["var"] = "input.reviewPeriod" });
        Inputs(doc, "consensus")["condition"] = Expression(true);

        Schema.Value.Check(doc).Should().BeEmpty();
    }

    [Fact]
    public void An_object_with_more_than_the_expr_key_is_not_an_expression()
    {
        var doc = Example();
        var notAnExpression = Expression(new JsonObject { ["var"] = "input.subject" });
        notAnExpression["fallback"] = "会商";
        Inputs(doc, "review")["title"] = notAnExpression;

        Schema.Value.Check(doc).Should().ContainSingle(e => e.StartsWith("$.flowchart.activities[1].inputs.title: matches none", StringComparison.Ordinal));
    }

    [Fact]
    public void Task_rules_are_enforced()
    {
        var doc = Example();
        Inputs(doc, "review").Remove("outcomes");
        Inputs(doc, "opinion").Remove("due");

        Schema.Value.Check(doc).Should().BeEquivalentTo(
            "$.flowchart.activities[1].inputs: the property \"outcomes\" is required",
            "$.flowchart.activities[2].body.activities[0].inputs: the property \"due\" is required");
    }

    [Fact]
    public void Bodies_are_required_on_containers_and_refused_elsewhere()
    {
        var doc = Example();
        var body = Activity(doc, "opinions")["body"]!.DeepClone();
        Activity(doc, "opinions").Remove("body");
        Activity(doc, "consensus")["body"] = body;

        Schema.Value.Check(doc).Should().BeEquivalentTo(
            "$.flowchart.activities[2]: the property \"body\" is required",
            "$.flowchart.activities[3].body: not allowed here");
    }

    [Fact]
    public void A_flowchart_needs_its_connections_list_and_a_text_needs_its_chinese_form()
    {
        var doc = Example();
        Activity(doc, "opinions")["body"]!.AsObject().Remove("connections");
        doc["inputs"]![0]!.AsObject()["label"] = new JsonObject { ["en"] = "Requesting agency" };

        var errors = Schema.Value.Check(doc);

        errors.Should().Contain("$.flowchart.activities[2].body: the property \"connections\" is required");
        errors.Should().Contain(e => e.StartsWith("$.inputs[0].label: matches none", StringComparison.Ordinal)
            && e.Contains("the property \"zh\" is required", StringComparison.Ordinal));
        errors.Should().HaveCount(2);
    }

    [Fact]
    public void The_checker_refuses_keywords_it_does_not_implement()
    {
        // Otherwise a schema edit using such a keyword would silently check nothing.
        var checker = JsonSchemaChecker.Parse("""{ "type": "object", "propertyNames": { "pattern": "^a" } }""");

        var check = () => checker.Check("{}");

        check.Should().Throw<NotSupportedException>().WithMessage("*propertyNames*");
    }

    [Theory]
    [InlineData("""{ "type": ["string", "null"] }""", "null", true)]
    [InlineData("""{ "type": ["string", "null"] }""", "1", false)]
    [InlineData("""{ "type": "integer" }""", "3", true)]
    [InlineData("""{ "type": "integer" }""", "3.5", false)]
    [InlineData("""{ "const": "a" }""", "\"a\"", true)]
    [InlineData("""{ "const": "a" }""", "\"b\"", false)]
    [InlineData("""{ "oneOf": [{ "type": "number" }, { "minimum": 0 }] }""", "5", false)]
    [InlineData("""{ "oneOf": [{ "type": "number" }, { "type": "string" }] }""", "5", true)]
    [InlineData("""{ "minLength": 2 }""", "\"会商\"", true)]
    [InlineData("""{ "minLength": 3 }""", "\"会商\"", false)]
    [InlineData("""{ "minItems": 1, "items": { "type": "string" } }""", "[]", false)]
    [InlineData("""{ "items": { "type": "string" } }""", "[\"a\", 1]", false)]
    [InlineData("""{ "if": { "required": ["a"] }, "then": { "required": ["b"] }, "else": false }""", "{\"a\": 1}", false)]
    [InlineData("""{ "if": { "required": ["a"] }, "then": { "required": ["b"] }, "else": false }""", "{\"a\": 1, \"b\": 2}", true)]
    [InlineData("""{ "if": { "required": ["a"] }, "then": { "required": ["b"] }, "else": false }""", "{}", false)]
    [InlineData("""{ "$defs": { "x": { "enum": [1, "1"] } }, "properties": { "p": { "$ref": "#/$defs/x" } } }""", "{\"p\": 1.0}", true)]
    [InlineData("""{ "$defs": { "x": { "enum": [1, "1"] } }, "properties": { "p": { "$ref": "#/$defs/x" } } }""", "{\"p\": 2}", false)]
    [InlineData("""{ "additionalProperties": { "type": "number" } }""", "{\"a\": \"x\"}", false)]
    [InlineData("""{ "pattern": "\\S" }""", "\"  \"", false)]
    public void The_checker_implements_its_keywords(string schema, string instance, bool valid)
    {
        JsonSchemaChecker.Parse(schema).Check(instance).Should().HaveCount(valid ? 0 : 1);
    }

    private static string DocumentedExample()
    {
        var markdown = File.ReadAllText(Path.Combine(Repository.Root, "docs", "workflow-format.md"));
        var marker = markdown.IndexOf(ExampleMarker, StringComparison.Ordinal);
        marker.Should().BeGreaterThanOrEqualTo(0, "docs/workflow-format.md marks its worked example with {0}", ExampleMarker);
        var open = markdown.IndexOf("```json", marker, StringComparison.Ordinal);
        open.Should().BeGreaterThan(marker, "a ```json block follows the marker");
        var start = markdown.IndexOf('\n', open) + 1;
        var end = markdown.IndexOf("\n```", start, StringComparison.Ordinal);
        end.Should().BeGreaterThan(start, "the ```json block is closed");
        return markdown[start..end];
    }

    private static JsonObject Example() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, ExampleFile)))!.AsObject();

    private static JsonObject Activity(JsonObject doc, string id) =>
        Activities(doc["flowchart"]!.AsObject()).Single(a => (string?)a["id"] == id);

    private static JsonObject Inputs(JsonObject doc, string id) => Activity(doc, id)["inputs"]!.AsObject();

    private static IEnumerable<JsonObject> Activities(JsonObject flowchart)
    {
        foreach (var activity in flowchart["activities"]!.AsArray().Select(a => a!.AsObject()))
        {
            yield return activity;
            if (activity["body"] is JsonObject body)
                foreach (var nested in Activities(body))
                    yield return nested;
        }
    }

    private static JsonObject Expression(JsonNode rule) => new() { [InputValueJsonConverter.ExpressionKey] = rule };
}
