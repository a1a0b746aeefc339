using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// JavaScript-flavoured coercion rules as the conformance suites pin them down: truthiness,
/// Number()/String() conversions, loose and strict equality and ordering. Where the suites differ
/// from JavaScript (arrays/objects never coerce to numbers, null == 0) the suites win.
/// </summary>
internal static class JsCoercion
{
    public static JsKind KindOf(JsonNode? node) => node switch
    {
        null => JsKind.Null,
        JsonArray => JsKind.Array,
        JsonObject => JsKind.Object,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => JsKind.Boolean,
            JsonValueKind.Number => JsKind.Number,
            JsonValueKind.String => JsKind.String,
            JsonValueKind.Array => JsKind.Array,
            JsonValueKind.Object => JsKind.Object,
            _ => JsKind.Null,
        },
        _ => JsKind.Null,
    };

    /// <summary>JSON Logic truthiness: false, null, 0, "" and [] are falsy; every object is truthy.</summary>
    public static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject => true,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.Number => JsNumber.Read(value) is var n && !n.IsNaN && !n.IsZero,
            JsonValueKind.String => JsonLogicTree.GetString(value).Length > 0,
            JsonValueKind.Array or JsonValueKind.Object => true,
            _ => false,
        },
        _ => false,
    };

    /// <summary>Number() for scalars; arrays and objects never convert (the suites expect "NaN" for them).</summary>
    public static JsNumber ToNumberOrNaN(JsonNode? node) => KindOf(node) switch
    {
        JsKind.Null => JsNumber.Zero,
        JsKind.Boolean => IsTruthy(node) ? JsNumber.One : JsNumber.Zero,
        JsKind.Number => JsNumber.Read((JsonValue)node!),
        JsKind.String => JsNumber.ParseJs(JsonLogicTree.GetString((JsonValue)node!)),
        _ => JsNumber.NaN,
    };

    /// <summary>Like <see cref="ToNumberOrNaN"/> but raises the suites' "NaN" error instead of returning NaN.</summary>
    public static JsNumber ToNumber(JsonNode? node)
    {
        var number = ToNumberOrNaN(node);
        if (number.IsNaN)
        {
            throw JsonLogicException.NaN($"Cannot convert {Describe(node)} to a number.");
        }

        return number;
    }

    public static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = JsonLogicTree.GetString(value);
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>String() as JavaScript would render the value (null renders empty, as cat expects).</summary>
    public static string ToJsString(JsonNode? node)
    {
        var builder = new StringBuilder();
        AppendJsString(builder, node, 0, JsonLogicInterpreter.MaxResultLength);
        return builder.ToString();
    }

    /// <summary>Appends String(value), refusing to grow the builder beyond <paramref name="maxLength"/>.</summary>
    public static void AppendJsString(StringBuilder builder, JsonNode? node, int depth, int maxLength)
    {
        switch (KindOf(node))
        {
            case JsKind.Null:
                break;
            case JsKind.Boolean:
                builder.Append(IsTruthy(node) ? "true" : "false");
                break;
            case JsKind.Number:
                builder.Append(JsNumber.Read((JsonValue)node!).ToJsString());
                break;
            case JsKind.String:
                builder.Append(JsonLogicTree.GetString((JsonValue)node!));
                break;
            case JsKind.Array when node is JsonArray array:
                JsonLogicTree.EnsureDepth(depth);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendJsString(builder, array[i], depth + 1, maxLength);
                    EnsureLength(builder, maxLength);
                }

                break;
            default:
                builder.Append("[object Object]");
                break;
        }

        EnsureLength(builder, maxLength);
    }

    /// <summary>
    /// The suites' == : same-kind scalars compare directly, mixed scalars compare as numbers
    /// (so null == 0 and 1 == true), and arrays/objects or unparsable strings raise "NaN".
    /// </summary>
    public static bool LooseEquals(JsonNode? a, JsonNode? b)
    {
        var ka = KindOf(a);
        var kb = KindOf(b);
        if (ka is JsKind.Array or JsKind.Object || kb is JsKind.Array or JsKind.Object)
        {
            throw JsonLogicException.NaN("Arrays and objects cannot be compared with ==.");
        }

        if (ka == kb)
        {
            return StrictEquals(a, b);
        }

        return JsNumber.NumericEquals(ToNumber(a), ToNumber(b));
    }

    /// <summary>=== : equal kinds and equal values; numbers numerically, containers structurally.</summary>
    public static bool StrictEquals(JsonNode? a, JsonNode? b) => JsonLogicTree.DeepEquals(a, b);

    /// <summary>Ordering for &lt; &gt; &lt;= &gt;=: two strings compare by UTF-16 code units, anything else numerically.</summary>
    public static int Compare(JsonNode? a, JsonNode? b)
    {
        if (TryGetString(a, out var sa) && TryGetString(b, out var sb))
        {
            return Math.Sign(string.CompareOrdinal(sa, sb));
        }

        return JsNumber.Compare(ToNumber(a), ToNumber(b));
    }

    public static string Describe(JsonNode? node) => KindOf(node) switch
    {
        JsKind.Null => "null",
        JsKind.Array => "an array",
        JsKind.Object => "an object",
        JsKind.String => $"\"{Shorten(ToJsString(node))}\"",
        _ => ToJsString(node),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static void EnsureLength(StringBuilder builder, int maxLength)
    {
        if (builder.Length > maxLength)
        {
            throw JsonLogicException.Limit($"String result exceeds {maxLength} characters.");
        }
    }
}
