using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// merge and the iterators map / filter / reduce / all / some / none. Iterators evaluate their body
/// once per element in a pushed <see cref="JsonLogicScope"/>, and every iteration counts as an operation.
/// </summary>
internal static class ArrayOperators
{
    /// <summary>merge: flattens array operands one level; other operands are appended as they are.</summary>
    public static JsonNode? Merge(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var result = new JsonArray();
        foreach (var operand in interpreter.EvaluateSpread(args, scope))
        {
            if (operand is JsonArray array)
            {
                JsonLogicInterpreter.EnsureResultSize(result.Count + array.Count);
                foreach (var item in array)
                {
                    result.Add(interpreter.Adopt(item));
                }
            }
            else
            {
                JsonLogicInterpreter.EnsureResultSize(result.Count + 1);
                result.Add(interpreter.Adopt(operand));
            }
        }

        interpreter.CheckClock();
        return result;
    }

    public static JsonNode? Map(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var (items, body) = Collection(interpreter, "map", args, scope, nullIsEmpty: true);
        var result = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            interpreter.Tick();
            result.Add(interpreter.Adopt(interpreter.Evaluate(body, JsonLogicScope.ForItem(scope, items[i], i))));
        }

        return result;
    }

    public static JsonNode? Filter(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var (items, body) = Collection(interpreter, "filter", args, scope, nullIsEmpty: true);
        var result = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            interpreter.Tick();
            if (JsCoercion.IsTruthy(interpreter.Evaluate(body, JsonLogicScope.ForItem(scope, items[i], i))))
            {
                result.Add(interpreter.Adopt(items[i]));
            }
        }

        return result;
    }

    /// <summary>reduce: [array, body, initial?]; the body sees {"current", "accumulator"}. No initial means null, as in json-logic-js.</summary>
    public static JsonNode? Reduce(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var (items, body) = Collection(interpreter, "reduce", args, scope, nullIsEmpty: true);
        var parts = (JsonArray)args!;
        var accumulator = parts.Count > 2 ? interpreter.Evaluate(parts[2], scope) : null;
        for (var i = 0; i < items.Count; i++)
        {
            interpreter.Tick();
            accumulator = interpreter.Evaluate(body, JsonLogicScope.ForReduce(scope, items[i], accumulator, i));
        }

        return accumulator;
    }

    public static JsonNode? All(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var (items, body) = Collection(interpreter, "all", args, scope, nullIsEmpty: false);

        // Vacuous truth would make "all of nothing" pass silently; JSON Logic defines it as false.
        if (items.Count == 0)
        {
            return JsonValue.Create(false);
        }

        return JsonValue.Create(FirstIndexWhere(interpreter, items, body, scope, wanted: false) < 0);
    }

    public static JsonNode? Some(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var (items, body) = Collection(interpreter, "some", args, scope, nullIsEmpty: false);
        return JsonValue.Create(FirstIndexWhere(interpreter, items, body, scope, wanted: true) >= 0);
    }

    public static JsonNode? None(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var (items, body) = Collection(interpreter, "none", args, scope, nullIsEmpty: false);
        return JsonValue.Create(FirstIndexWhere(interpreter, items, body, scope, wanted: true) < 0);
    }

    private static int FirstIndexWhere(JsonLogicInterpreter interpreter, JsonArray items, JsonNode? body, JsonLogicScope scope, bool wanted)
    {
        for (var i = 0; i < items.Count; i++)
        {
            interpreter.Tick();
            if (JsCoercion.IsTruthy(interpreter.Evaluate(body, JsonLogicScope.ForItem(scope, items[i], i))) == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Validates [collection, body, ...] and evaluates the collection. The suites want a literal null
    /// collection or body rejected for map/filter/reduce, while a collection that merely evaluates to
    /// null is an empty list there; all/some/none reject anything that is not an array.
    /// </summary>
    private static (JsonArray Items, JsonNode? Body) Collection(JsonLogicInterpreter interpreter, string op, JsonNode? args, JsonLogicScope scope, bool nullIsEmpty)
    {
        var parts = JsonLogicInterpreter.RequireArgumentArray(op, args, minCount: 2);
        if (nullIsEmpty && (parts[0] is null || parts[1] is null))
        {
            throw JsonLogicException.Invalid($"Operator '{op}' needs a collection and a body, not null.");
        }

        return interpreter.Evaluate(parts[0], scope) switch
        {
            JsonArray array => (array, parts[1]),
            null when nullIsEmpty => (new JsonArray(), parts[1]),
            var other => throw JsonLogicException.Invalid($"Operator '{op}' needs an array, got {JsCoercion.Describe(other)}."),
        };
    }
}
