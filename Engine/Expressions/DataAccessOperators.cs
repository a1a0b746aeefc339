using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Reading the data context: var (dotted paths, classic), val (segment lists plus scope climbing),
/// exists, missing, missing_some, and the pass-through operators preserve and log.
/// </summary>
internal static class DataAccessOperators
{
    /// <summary>var: [path, default?]; "a.b.0" walks objects and arrays, "" or null is the whole context.</summary>
    public static JsonNode? Var(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var values = interpreter.EvaluateEach(args, scope);
        var path = values.Count > 0 ? values[0] : null;
        var fallback = values.Count > 1 ? values[1] : null;

        // Like json-logic-js, the default only replaces a missing value, never an explicit null.
        return TryVar(scope, path, out var value) ? value : fallback;
    }

    /// <summary>
    /// val: a key or a list of segments taken literally (no dot splitting). A leading <c>[n]</c> climbs
    /// n levels of iterator/try scopes first (the sign of n is ignored), see <see cref="JsonLogicScope"/>.
    /// </summary>
    public static JsonNode? Val(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        TryVal(interpreter, args, scope, out var value) ? value : null;

    /// <summary>exists: whether the val-style path is present, even when its value is null.</summary>
    public static JsonNode? Exists(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) =>
        JsonValue.Create(TryVal(interpreter, args, scope, out _));

    /// <summary>missing: the keys (var paths) whose value is absent, null or "". A leading array supplies the keys.</summary>
    public static JsonNode? Missing(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var values = interpreter.EvaluateEach(args, scope);
        IEnumerable<JsonNode?> keys = values.Count > 0 && values[0] is JsonArray list ? list : values;
        return MissingKeys(interpreter, scope, keys);
    }

    /// <summary>missing_some: [needed, keys]; empty when at least <c>needed</c> keys are present, else the missing ones.</summary>
    public static JsonNode? MissingSome(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var values = interpreter.EvaluateEach(args, scope);
        if (values.Count < 2 || values[1] is not JsonArray keys)
        {
            throw JsonLogicException.Invalid("Operator 'missing_some' needs [minimum, [keys...]].");
        }

        var needed = JsCoercion.ToNumber(values[0]);
        var missing = MissingKeys(interpreter, scope, keys);
        var present = JsNumber.FromInteger(keys.Count - missing.Count);
        return JsNumber.Compare(present, needed) >= 0 ? new JsonArray() : missing;
    }

    /// <summary>preserve: returns its argument verbatim, so data that looks like logic stays data.</summary>
    public static JsonNode? Preserve(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope) => args;

    /// <summary>log: returns its first argument. It deliberately writes nowhere: evaluation performs no I/O.</summary>
    public static JsonNode? Log(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var values = interpreter.EvaluateEach(args, scope);
        return values.Count > 0 ? values[0] : null;
    }

    private static JsonArray MissingKeys(JsonLogicInterpreter interpreter, JsonLogicScope scope, IEnumerable<JsonNode?> keys)
    {
        var missing = new JsonArray();
        foreach (var key in keys)
        {
            if (!TryVar(scope, key, out var value)
                || JsCoercion.KindOf(value) == JsKind.Null
                || (JsCoercion.TryGetString(value, out var text) && text.Length == 0))
            {
                missing.Add(interpreter.Adopt(key));
            }
        }

        return missing;
    }

    private static bool TryVar(JsonLogicScope scope, JsonNode? path, out JsonNode? value)
    {
        List<string> segments;
        if (path is JsonArray list)
        {
            segments = [.. list.Select(ToKey)];
        }
        else
        {
            var text = JsCoercion.KindOf(path) == JsKind.Null ? string.Empty : JsCoercion.ToJsString(path);
            segments = text.Length == 0 ? [] : [.. text.Split('.')];
        }

        return scope.TryResolve(segments, out value);
    }

    private static bool TryVal(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope, out JsonNode? value)
    {
        List<JsonNode?> parts;
        if (args is JsonArray)
        {
            parts = interpreter.EvaluateEach(args, scope);
        }
        else
        {
            parts = interpreter.Evaluate(args, scope) switch
            {
                JsonArray chained => [.. chained],
                null => [],
                var single => [single],
            };
        }

        var target = scope;
        var first = 0;
        var metadataLevel = false;
        if (parts.Count > 0 && parts[0] is JsonArray levelSpec)
        {
            first = 1;
            long level = levelSpec.Count > 0 ? JsCoercion.ToNumber(levelSpec[0]).ToClampedInt() : 0;
            level = Math.Abs(level);
            for (var i = 0L; i < level / 2; i++)
            {
                if (target.Parent is null)
                {
                    value = null;
                    return false;
                }

                target = target.Parent;
            }

            metadataLevel = level % 2 == 1;
        }

        var segments = new List<string>(parts.Count - first);
        for (var i = first; i < parts.Count; i++)
        {
            segments.Add(ToKey(parts[i]));
        }

        return metadataLevel
            ? JsonLogicScope.TryNavigate(target.Metadata(), segments, 0, out value)
            : target.TryResolve(segments, out value);
    }

    private static string ToKey(JsonNode? segment) =>
        JsCoercion.KindOf(segment) == JsKind.Null ? "null" : JsCoercion.ToJsString(segment);
}
