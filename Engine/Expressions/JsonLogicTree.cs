using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Structural helpers over <see cref="JsonNode"/> trees. They are recursive but depth-capped and
/// stack-checked, because data handed to the evaluator may be built programmatically to any depth.
/// </summary>
internal static class JsonLogicTree
{
    /// <summary>Deepest data nesting that cloning/comparing/stringifying will walk.</summary>
    public const int MaxNestingDepth = 512;

    public static JsonNode? Clone(JsonNode? node) => Clone(node, 0);

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => DeepEquals(a, b, 0);

    /// <summary>Reads a string value whatever CLR type backs the node (string, char, Guid, DateTime, ...).</summary>
    public static string GetString(JsonValue value)
    {
        if (value.TryGetValue(out string? s) && s is not null)
        {
            return s;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? string.Empty;
    }

    public static void EnsureDepth(int depth)
    {
        if (depth > MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonLogicException.Limit($"Data is nested more than {MaxNestingDepth} levels deep.");
        }
    }

    private static JsonNode? Clone(JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
            {
                EnsureDepth(depth);
                var copy = new JsonArray();
                foreach (var item in array)
                {
                    copy.Add(Clone(item, depth + 1));
                }

                return copy;
            }

            case JsonObject obj:
            {
                EnsureDepth(depth);
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Clone(value, depth + 1);
                }

                return copy;
            }

            default:
                return node.DeepClone();
        }
    }

    private static bool DeepEquals(JsonNode? a, JsonNode? b, int depth)
    {
        var kind = JsCoercion.KindOf(a);
        if (kind != JsCoercion.KindOf(b))
        {
            return false;
        }

        switch (kind)
        {
            case JsKind.Null:
                return true;
            case JsKind.Boolean:
                return JsCoercion.IsTruthy(a) == JsCoercion.IsTruthy(b);
            case JsKind.Number:
                return JsNumber.NumericEquals(JsNumber.Read((JsonValue)a!), JsNumber.Read((JsonValue)b!));
            case JsKind.String:
                return string.Equals(GetString((JsonValue)a!), GetString((JsonValue)b!), StringComparison.Ordinal);
            case JsKind.Array when a is JsonArray left && b is JsonArray right:
            {
                EnsureDepth(depth);
                if (left.Count != right.Count)
                {
                    return false;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    if (!DeepEquals(left[i], right[i], depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JsKind.Object when a is JsonObject left && b is JsonObject right:
            {
                EnsureDepth(depth);
                if (left.Count != right.Count)
                {
                    return false;
                }

                foreach (var (key, value) in left)
                {
                    if (!right.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            default:
                // A JsonValue wrapping an array/object JsonElement: compare its canonical text.
                return a!.ToJsonString() == b!.ToJsonString();
        }
    }
}
