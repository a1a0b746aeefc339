using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>cat, substr and in (substring or array membership).</summary>
internal static class StringOperators
{
    public static JsonNode? Cat(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var builder = new StringBuilder();
        foreach (var part in interpreter.EvaluateSpread(args, scope))
        {
            // The cap is enforced while appending, so a giant string is never built in full.
            JsCoercion.AppendJsString(builder, part, 0, JsonLogicInterpreter.MaxResultLength);
        }

        interpreter.CheckClock();
        return JsonValue.Create(builder.ToString());
    }

    /// <summary>
    /// substr: [text, start, length?] with JavaScript substr semantics; a negative start counts from the
    /// end and a negative length drops that many characters from the end (json-logic-js behaviour).
    /// </summary>
    public static JsonNode? Substr(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var values = interpreter.EvaluateEach(args, scope);
        var text = JsCoercion.ToJsString(values.Count > 0 ? values[0] : null);
        var start = values.Count > 1 ? JsCoercion.ToNumber(values[1]).ToClampedInt() : 0;
        start = start < 0 ? Math.Max(text.Length + start, 0) : Math.Min(start, text.Length);

        var available = text.Length - start;
        var length = available;
        if (values.Count > 2 && values[2] is not null)
        {
            var requested = JsCoercion.ToNumber(values[2]).ToClampedInt();
            length = requested < 0 ? Math.Max(available + requested, 0) : Math.Min(requested, available);
        }

        return JsonValue.Create(text.Substring(start, length));
    }

    /// <summary>in: [needle, haystack]; substring test for a string haystack, strict membership for an array.</summary>
    public static JsonNode? In(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var values = interpreter.EvaluateEach(args, scope);
        var needle = values.Count > 0 ? values[0] : null;
        var haystack = values.Count > 1 ? values[1] : null;

        if (JsCoercion.TryGetString(haystack, out var text))
        {
            return JsonValue.Create(text.Contains(JsCoercion.ToJsString(needle), StringComparison.Ordinal));
        }

        if (haystack is JsonArray array)
        {
            foreach (var item in array)
            {
                if (JsCoercion.StrictEquals(needle, item))
                {
                    return JsonValue.Create(true);
                }
            }
        }

        return JsonValue.Create(false);
    }
}
