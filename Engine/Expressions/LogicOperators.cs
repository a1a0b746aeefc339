using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>if / ?: / and / or / ! / !! / ??. The branching ones only evaluate what they need.</summary>
internal static class LogicOperators
{
    /// <summary>if: [cond, then, cond, then, ..., else]; a missing branch yields null.</summary>
    public static JsonNode? If(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var items = JsonLogicInterpreter.RequireArgumentArray("if", args);
        var i = 0;
        for (; i + 1 < items.Count; i += 2)
        {
            if (JsCoercion.IsTruthy(interpreter.Evaluate(items[i], scope)))
            {
                return interpreter.Evaluate(items[i + 1], scope);
            }
        }

        return i < items.Count ? interpreter.Evaluate(items[i], scope) : null;
    }

    /// <summary>and: the first falsy value, else the last value; no operands is false.</summary>
    public static JsonNode? And(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var items = JsonLogicInterpreter.RequireArgumentArray("and", args);
        JsonNode? value = JsonValue.Create(false);
        foreach (var item in items)
        {
            value = interpreter.Evaluate(item, scope);
            if (!JsCoercion.IsTruthy(value))
            {
                return value;
            }
        }

        return value;
    }

    /// <summary>or: the first truthy value, else the last value; no operands is false.</summary>
    public static JsonNode? Or(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var items = JsonLogicInterpreter.RequireArgumentArray("or", args);
        JsonNode? value = JsonValue.Create(false);
        foreach (var item in items)
        {
            value = interpreter.Evaluate(item, scope);
            if (JsCoercion.IsTruthy(value))
            {
                return value;
            }
        }

        return value;
    }

    public static JsonNode? Not(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        JsonValue.Create(!JsCoercion.IsTruthy(FirstOperand(interpreter, args, scope)));

    public static JsonNode? ToBoolean(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        JsonValue.Create(JsCoercion.IsTruthy(FirstOperand(interpreter, args, scope)));

    /// <summary>??: the first operand that is not null, evaluating no further.</summary>
    public static JsonNode? Coalesce(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        if (args is not JsonArray items)
        {
            return interpreter.Evaluate(args, scope);
        }

        foreach (var item in items)
        {
            var value = interpreter.Evaluate(item, scope);
            if (value is not null && JsCoercion.KindOf(value) != JsKind.Null)
            {
                return value;
            }
        }

        return null;
    }

    // ! and !! look at their value itself, not at a spread list: {"!": {"var": "list"}} tests the list.
    private static JsonNode? FirstOperand(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) => args switch
    {
        JsonArray { Count: 0 } => null,
        JsonArray items => interpreter.Evaluate(items[0], scope),
        _ => interpreter.Evaluate(args, scope),
    };
}
