using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// == != === !== &lt; &lt;= &gt; &gt;=. Each takes a literal list of two or more operands and checks every
/// adjacent pair, lazily: evaluation stops at the first pair that fails, which also gives the classic
/// "between" form <c>{"&lt;": [1, x, 10]}</c>.
/// </summary>
internal static class ComparisonOperators
{
    public static JsonNode? LooseEqual(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, "==", args, scope, JsCoercion.LooseEquals);

    public static JsonNode? LooseNotEqual(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, "!=", args, scope, static (a, b) => !JsCoercion.LooseEquals(a, b));

    public static JsonNode? StrictEqual(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, "===", args, scope, JsCoercion.StrictEquals);

    public static JsonNode? StrictNotEqual(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, "!==", args, scope, static (a, b) => !JsCoercion.StrictEquals(a, b));

    public static JsonNode? LessThan(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, "<", args, scope, static (a, b) => JsCoercion.Compare(a, b) < 0);

    public static JsonNode? LessThanOrEqual(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, "<=", args, scope, static (a, b) => JsCoercion.Compare(a, b) <= 0);

    public static JsonNode? GreaterThan(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, ">", args, scope, static (a, b) => JsCoercion.Compare(a, b) > 0);

    public static JsonNode? GreaterThanOrEqual(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Chain(interpreter, ">=", args, scope, static (a, b) => JsCoercion.Compare(a, b) >= 0);

    private static JsonNode? Chain(JsonLogicInterpreter interpreter, string op, JsonNode? args, JsonLogicScope scope, Func<JsonNode?, JsonNode?, bool> holds)
    {
        var operands = JsonLogicInterpreter.RequireArgumentArray(op, args, minCount: 2);
        var left = interpreter.Evaluate(operands[0], scope);
        for (var i = 1; i < operands.Count; i++)
        {
            var right = interpreter.Evaluate(operands[i], scope);
            if (!holds(left, right))
            {
                return JsonValue.Create(false);
            }

            left = right;
        }

        return JsonValue.Create(true);
    }
}
