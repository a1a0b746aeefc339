using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// + - * / % max min. Operands go through Number() coercion; non-numeric operands and results that
/// are not finite (division by zero included) raise "NaN", as the extended suites require.
/// All accept a dynamic argument list, e.g. <c>{"+": {"val": "numbers"}}</c>.
/// </summary>
internal static class ArithmeticOperators
{
    public static JsonNode? Add(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var sum = JsNumber.Zero;
        foreach (var operand in interpreter.EvaluateSpread(args, scope))
        {
            sum = JsNumber.Add(sum, JsCoercion.ToNumber(operand));
        }

        return sum.ToJsonNode();
    }

    public static JsonNode? Subtract(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var operands = Numbers(interpreter, "-", args, scope, minCount: 1);
        if (operands.Count == 1)
        {
            return operands[0].Negate().ToJsonNode();
        }

        var result = operands[0];
        for (var i = 1; i < operands.Count; i++)
        {
            result = JsNumber.Subtract(result, operands[i]);
        }

        return result.ToJsonNode();
    }

    public static JsonNode? Multiply(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var product = JsNumber.One;
        foreach (var operand in interpreter.EvaluateSpread(args, scope))
        {
            product = JsNumber.Multiply(product, JsCoercion.ToNumber(operand));
        }

        return product.ToJsonNode();
    }

    public static JsonNode? Divide(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var operands = Numbers(interpreter, "/", args, scope, minCount: 1);

        // A single operand is its reciprocal, mirroring unary minus.
        var result = operands.Count == 1 ? JsNumber.One : operands[0];
        for (var i = operands.Count == 1 ? 0 : 1; i < operands.Count; i++)
        {
            result = Checked(JsNumber.Divide(result, operands[i]), "division");
        }

        return result.ToJsonNode();
    }

    public static JsonNode? Modulo(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var operands = Numbers(interpreter, "%", args, scope, minCount: 2);
        var result = operands[0];
        for (var i = 1; i < operands.Count; i++)
        {
            result = Checked(JsNumber.Remainder(result, operands[i]), "modulo");
        }

        return result.ToJsonNode();
    }

    public static JsonNode? Max(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Extreme(interpreter, args, scope, preferGreater: true);

    public static JsonNode? Min(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        Extreme(interpreter, args, scope, preferGreater: false);

    private static JsonNode? Extreme(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope, bool preferGreater)
    {
        JsNumber? best = null;
        foreach (var operand in interpreter.EvaluateSpread(args, scope))
        {
            var number = JsCoercion.ToNumber(operand);
            if (best is not { } current || JsNumber.Compare(number, current) * (preferGreater ? 1 : -1) > 0)
            {
                best = number;
            }
        }

        // An empty list has no extreme; null is friendlier than JavaScript's -Infinity, which JSON cannot hold.
        return best?.ToJsonNode();
    }

    private static List<JsNumber> Numbers(JsonLogicInterpreter interpreter, string op, JsonNode? args, JsonLogicScope scope, int minCount)
    {
        var values = interpreter.EvaluateSpread(args, scope);
        if (values.Count < minCount)
        {
            throw JsonLogicException.Invalid($"Operator '{op}' needs at least {minCount} operand(s).");
        }

        return values.ConvertAll(JsCoercion.ToNumber);
    }

    private static JsNumber Checked(JsNumber value, string what) =>
        value.IsNaN ? throw JsonLogicException.NaN($"The {what} has no numeric result (division by zero?).") : value;
}
