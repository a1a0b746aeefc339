using System.Diagnostics;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Expressions;

namespace ConsultFlow.Engine.Tests.Expressions;

public sealed class JsonLogicEvaluatorTests
{
    private readonly JsonLogicEvaluator _evaluator = new();

    [Fact]
    public void Evaluates_a_rule_against_data()
    {
        var result = _evaluator.Evaluate(
            Json("""{"if": [{">=": [{"var": "amount"}, 1000]}, "review", "auto"]}"""),
            Json("""{"amount": 2500}"""));

        result!.GetValue<string>().Should().Be("review");
    }

    [Fact]
    public void Arithmetic_on_decimals_is_exact()
    {
        _evaluator.Evaluate(Json("""{"+": [0.1, 0.2]}"""), null)!.ToJsonString().Should().Be("0.3");
        _evaluator.Evaluate(Json("""{"*": [1.1, 3]}"""), null)!.ToJsonString().Should().Be("3.3");
        _evaluator.Evaluate(Json("""{"/": [4, 2]}"""), null)!.ToJsonString().Should().Be("2");
    }

    [Fact]
    public void Deeply_nested_rule_is_rejected_with_limit_exceeded()
    {
        JsonNode rule = JsonValue.Create(true);
        for (var i = 0; i < 100_000; i++)
        {
            rule = new JsonObject { ["!"] = rule };
        }

        ShouldFailWith(() => _evaluator.Evaluate(rule, null), JsonLogicException.LimitExceeded);
    }

    [Fact]
    public void Depth_limit_is_exact()
    {
        var evaluator = new JsonLogicEvaluator(new JsonLogicLimits(MaxDepth: 10));

        evaluator.Evaluate(NestedNot(10), null)!.GetValue<bool>().Should().BeFalse("ten negations of false are false");
        ShouldFailWith(() => evaluator.Evaluate(NestedNot(11), null), JsonLogicException.LimitExceeded);
    }

    [Fact]
    public void Oversized_rule_is_rejected()
    {
        var rule = new JsonObject { ["+"] = new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode)i)]) };
        var evaluator = new JsonLogicEvaluator(new JsonLogicLimits(MaxRuleNodes: 100));

        ShouldFailWith(() => evaluator.Evaluate(rule, null), JsonLogicException.LimitExceeded);
    }

    [Fact]
    public void Deeply_nested_data_cannot_overflow_the_stack()
    {
        JsonNode data = new JsonArray();
        for (var i = 0; i < 100_000; i++)
        {
            data = new JsonArray(data);
        }

        var wrapped = new JsonObject { ["x"] = data };

        // Copying the result, comparing and stringifying all walk the data; none may recurse unbounded.
        ShouldFailWith(() => _evaluator.Evaluate(Json("""{"var": "x"}"""), wrapped), JsonLogicException.LimitExceeded);
        ShouldFailWith(() => _evaluator.Evaluate(Json("""{"===": [{"var": "x"}, {"var": "x"}]}"""), wrapped), JsonLogicException.LimitExceeded);
        ShouldFailWith(() => _evaluator.Evaluate(Json("""{"cat": [{"var": "x"}]}"""), wrapped), JsonLogicException.LimitExceeded);
    }

    [Fact]
    public void Operation_bomb_is_stopped_by_the_operation_budget()
    {
        var data = new JsonObject { ["xs"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)i)]) };
        var bomb = Json("""{"map": [{"var": "xs"}, {"map": [{"val": [[2], "xs"]}, {"map": [{"val": [[4], "xs"]}, {"+": [1, 1]}]}]}]}""");
        var evaluator = new JsonLogicEvaluator(new JsonLogicLimits(MaxOperations: 100_000, Timeout: TimeSpan.FromSeconds(30)));

        var watch = Stopwatch.StartNew();
        var error = ShouldFailWith(() => evaluator.Evaluate(bomb, data), JsonLogicException.LimitExceeded);

        error.Message.Should().Contain("operations");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Default_limits_stop_an_operation_bomb()
    {
        var data = new JsonObject { ["xs"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)i)]) };
        var bomb = Json("""{"some": [{"var": "xs"}, {"some": [{"val": [[2], "xs"]}, {"some": [{"val": [[4], "xs"]}, false]}]}]}""");

        ShouldFailWith(() => _evaluator.Evaluate(bomb, data), JsonLogicException.LimitExceeded);
    }

    [Fact]
    public void Timeout_stops_a_long_evaluation()
    {
        var data = new JsonObject { ["xs"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)i)]) };
        var slow = Json("""{"map": [{"var": "xs"}, {"map": [{"val": [[2], "xs"]}, {"map": [{"val": [[4], "xs"]}, {"cat": ["a", "b"]}]}]}]}""");
        var evaluator = new JsonLogicEvaluator(new JsonLogicLimits(MaxOperations: long.MaxValue, Timeout: TimeSpan.FromMilliseconds(100)));

        var watch = Stopwatch.StartNew();
        var error = ShouldFailWith(() => evaluator.Evaluate(slow, data), JsonLogicException.LimitExceeded);

        error.Message.Should().Contain("time limit");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Try_cannot_swallow_a_limit()
    {
        var evaluator = new JsonLogicEvaluator(new JsonLogicLimits(MaxOperations: 50));
        var data = new JsonObject { ["xs"] = new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)i)]) };

        ShouldFailWith(
            () => evaluator.Evaluate(Json("""{"try": [{"map": [{"var": "xs"}, {"+": [1, 1]}]}, "swallowed"]}"""), data),
            JsonLogicException.LimitExceeded);
    }

    [Theory]
    [InlineData("""{"reduce": [{"var": "xs"}, {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "ab"]}""")]
    [InlineData("""{"reduce": [{"var": "xs"}, {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]}""")]
    public void Exponentially_growing_results_are_capped(string rule)
    {
        var data = new JsonObject { ["xs"] = new JsonArray([.. Enumerable.Range(0, 64).Select(i => (JsonNode)i)]) };

        var error = ShouldFailWith(() => _evaluator.Evaluate(Json(rule), data), JsonLogicException.LimitExceeded);

        error.Message.Should().Contain("exceeds");
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("-1", true)]
    [InlineData("0.5", true)]
    [InlineData("\"\"", false)]
    [InlineData("\"0\"", true)]
    [InlineData("\"false\"", true)]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("{}", true)]
    [InlineData("{\"a\": 0}", true)]
    public void IsTruthy_follows_json_logic_rules(string json, bool expected)
    {
        JsonLogicEvaluator.IsTruthy(JsonNode.Parse(json)).Should().Be(expected);
    }

    [Fact]
    public void IsTruthy_handles_values_created_from_clr_types()
    {
        JsonLogicEvaluator.IsTruthy(JsonValue.Create(0m)).Should().BeFalse();
        JsonLogicEvaluator.IsTruthy(JsonValue.Create(2.5f)).Should().BeTrue();
        JsonLogicEvaluator.IsTruthy(JsonValue.Create('x')).Should().BeTrue();
        JsonLogicEvaluator.IsTruthy(JsonValue.Create(string.Empty)).Should().BeFalse();
    }

    [Fact]
    public void Validator_accepts_a_valid_rule()
    {
        JsonLogicValidator.Validate(Json("""{"and": [{"==": [{"var": "a"}, 1]}, {"preserve": {"foo": 1}}, {"x": 1, "y": 2}]}"""))
            .Should().BeEmpty();
    }

    [Fact]
    public void Validator_names_the_path_of_an_unknown_operator()
    {
        var messages = JsonLogicValidator.Validate(Json("""{"and": [true, {"foo": [1]}, {"if": [{"bar": 1}, 1, 2]}]}"""));

        messages.Should().Equal(
            "$.and[1]: unknown operator 'foo'",
            "$.and[2].if[0]: unknown operator 'bar'");
    }

    [Fact]
    public void Validator_quotes_keys_that_are_not_identifiers()
    {
        JsonLogicValidator.Validate(Json("""{"==": [{"nope": 1}, 1]}"""))
            .Should().Equal("$['=='][0]: unknown operator 'nope'");
    }

    [Fact]
    public void Validator_reports_argument_shape_problems()
    {
        JsonLogicValidator.Validate(Json("""{"or": [{"if": 5}, {"<": [1]}, {"map": [[1]]}]}""")).Should().Equal(
            "$.or[0].if: operator 'if' needs a literal array of arguments",
            "$.or[1]['<']: operator '<' needs at least 2 arguments",
            "$.or[2].map: operator 'map' needs at least 2 arguments");
    }

    [Fact]
    public void Validator_reports_depth_and_size_limits()
    {
        JsonLogicValidator.Validate(NestedNot(4), new JsonLogicLimits(MaxDepth: 3))
            .Should().ContainSingle().Which.Should().Be("$['!']['!']['!']: rule is nested deeper than 3 levels");

        var wide = new JsonObject { ["+"] = new JsonArray([.. Enumerable.Range(0, 50).Select(i => (JsonNode)i)]) };
        JsonLogicValidator.Validate(wide, new JsonLogicLimits(MaxRuleNodes: 10))
            .Should().ContainSingle().Which.Should().Be("$: rule has more than 10 nodes");
    }

    [Fact]
    public void Unknown_operator_fails_evaluation()
    {
        ShouldFailWith(() => _evaluator.Evaluate(Json("""{"nope": [1]}"""), null), JsonLogicException.UnknownOperator);
    }

    [Fact]
    public void Thrown_values_surface_on_the_exception()
    {
        var error = ShouldFailWith(
            () => _evaluator.Evaluate(Json("""{"throw": {"var": "problem"}}"""), Json("""{"problem": {"type": "Rejected", "code": 7}}""")),
            "Rejected");

        error.Thrown!.ToJsonString().Should().Be("""{"type":"Rejected","code":7}""");
        error.Thrown.Parent.Should().BeNull();
    }

    [Fact]
    public void Results_never_alias_the_data()
    {
        var data = Json("""{"a": {"b": [1, 2]}}""");
        var before = data.ToJsonString();

        var whole = _evaluator.Evaluate(Json("""{"var": ""}"""), data)!;
        var part = _evaluator.Evaluate(Json("""{"var": "a"}"""), data)!;
        var merged = _evaluator.Evaluate(Json("""{"merge": [{"var": "a.b"}, {"var": "a.b"}, [{"var": "a"}]]}"""), data)!;

        whole.Should().NotBeSameAs(data);
        whole.Parent.Should().BeNull();
        part.Should().NotBeSameAs(data["a"]);
        part.Parent.Should().BeNull();
        merged.ToJsonString().Should().Be("""[1,2,1,2,{"b":[1,2]}]""");

        // Mutating and re-parenting results must not touch the input.
        part.AsObject()["b"]!.AsArray().Add(3);
        new JsonObject { ["whole"] = whole, ["part"] = part, ["merged"] = merged };
        data.ToJsonString().Should().Be(before);
    }

    [Fact]
    public void Results_never_alias_the_rule()
    {
        var rule = Json("""{"if": [true, {"preserve": {"kept": [1]}}, null]}""");
        var literal = Json("""[1, {"x": 2, "y": 3}]""");

        var preserved = _evaluator.Evaluate(rule, null)!;
        var echoed = _evaluator.Evaluate(literal, null)!;

        preserved.Parent.Should().BeNull();
        preserved.Should().NotBeSameAs(rule["if"]![1]!["preserve"]);
        echoed.Should().NotBeSameAs(literal);
        echoed[1].Should().NotBeSameAs(literal[1]);
        _evaluator.Evaluate(rule, null)!.ToJsonString().Should().Be("""{"kept":[1]}""");
    }

    [Fact]
    public void Evaluation_is_thread_safe()
    {
        var rule = Json("""{"reduce": [{"var": "xs"}, {"+": [{"var": "accumulator"}, {"var": "current"}]}, 0]}""");
        var data = new JsonObject { ["xs"] = new JsonArray([.. Enumerable.Range(1, 100).Select(i => (JsonNode)i)]) };

        var results = new long[64];
        Parallel.For(0, results.Length, i => results[i] = _evaluator.Evaluate(rule, data)!.GetValue<long>());

        results.Should().AllBeEquivalentTo(5050L);
    }

    private static JsonNode Json(string json) => JsonNode.Parse(json)!;

    private static JsonNode NestedNot(int depth)
    {
        JsonNode rule = JsonValue.Create(false);
        for (var i = 0; i < depth; i++)
        {
            rule = new JsonObject { ["!"] = rule };
        }

        return rule;
    }

    private static JsonLogicException ShouldFailWith(Action action, string errorType)
    {
        var error = action.Should().Throw<JsonLogicException>().Which;
        error.ErrorType.Should().Be(errorType, error.Message);
        return error;
    }
}
