using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConsultFlow.Engine.Tests.Format;

/// <summary>
/// A small JSON Schema (draft 2020-12) checker, just large enough for docs/workflow.schema.json, so the tests need no
/// schema package. Supported: boolean schemas, type (also a list of types), properties, required, additionalProperties
/// (boolean or schema), items, enum, const, pattern, minimum, minLength, minItems, $ref to "#/..." pointers within the
/// same document, anyOf, oneOf, allOf, if/then/else; annotations are ignored. Any other keyword throws, so the schema
/// cannot silently rely on something this checker would skip.
/// </summary>
public sealed class JsonSchemaChecker
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
    };

    private static readonly HashSet<string> Assertions = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "pattern", "minimum", "maximum", "minLength",
        "minItems", "$ref", "anyOf", "oneOf", "allOf", "if", "then", "else",
    };

    // Patterns come from our own schema, but a pathological one must not hang the test run.
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    // $ref chains deeper than this are a cycle that never reaches an instance keyword.
    private const int MaxRefDepth = 64;

    private readonly JsonNode root;

    public JsonSchemaChecker(JsonNode schema)
    {
        root = schema ?? throw new ArgumentNullException(nameof(schema));
    }

    public static JsonSchemaChecker Parse(string schemaJson) =>
        new(JsonNode.Parse(schemaJson) ?? throw new ArgumentException("The schema is the JSON null.", nameof(schemaJson)));

    /// <summary>Checks <paramref name="instance"/>; each error reads "<c>$.json.path: what is wrong</c>". Empty when valid.</summary>
    public IReadOnlyList<string> Check(JsonNode? instance)
    {
        var errors = new List<string>();
        Evaluate(root, instance, "$", errors, 0);
        return errors;
    }

    public IReadOnlyList<string> Check(string instanceJson) => Check(JsonNode.Parse(instanceJson));

    private void Evaluate(JsonNode? schema, JsonNode? instance, string path, List<string> errors, int refDepth)
    {
        switch (schema)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.True:
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.False:
                errors.Add($"{path}: not allowed here");
                return;
            case JsonObject:
                break;
            default:
                throw new InvalidOperationException($"A schema must be an object or a boolean, not {schema?.ToJsonString() ?? "null"}.");
        }

        var keywords = (JsonObject)schema;
        foreach (var (keyword, _) in keywords)
            if (!Annotations.Contains(keyword) && !Assertions.Contains(keyword))
                throw new NotSupportedException($"Schema keyword '{keyword}' is not supported by {nameof(JsonSchemaChecker)}.");

        if (keywords["$ref"] is { } reference)
        {
            if (refDepth >= MaxRefDepth)
                throw new InvalidOperationException($"$ref '{reference}' nests deeper than {MaxRefDepth}: is it a cycle?");
            Evaluate(Resolve(reference.GetValue<string>()), instance, path, errors, refDepth + 1);
        }

        if (keywords["type"] is { } type && !HasType(instance, type))
        {
            // Further keywords would only repeat the same mistake in other words.
            errors.Add($"{path}: expected {Describe(type)}, found {KindOf(instance)}");
            return;
        }

        if (keywords.ContainsKey("const"))
        {
            var expected = keywords["const"];
            if (!JsonNode.DeepEquals(expected, instance))
                errors.Add($"{path}: must be {expected?.ToJsonString() ?? "null"}");
        }

        if (keywords["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, instance)))
            errors.Add($"{path}: {instance?.ToJsonString() ?? "null"} is not one of {allowed.ToJsonString()}");

        CheckString(keywords, instance, path, errors);
        CheckNumber(keywords, instance, path, errors);
        CheckObject(keywords, instance, path, errors, refDepth);
        CheckArray(keywords, instance, path, errors, refDepth);
        CheckCombinators(keywords, instance, path, errors, refDepth);
    }

    private static void CheckString(JsonObject keywords, JsonNode? instance, string path, List<string> errors)
    {
        if (instance is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return;
        var text = value.GetValue<string>();
        // JSON Schema counts characters as Unicode code points, not UTF-16 units.
        if (keywords["minLength"] is { } minLength && text.EnumerateRunes().Count() < minLength.GetValue<int>())
            errors.Add($"{path}: shorter than {minLength.GetValue<int>()} character(s)");
        // A pattern is not anchored: it must match somewhere in the text.
        if (keywords["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.None, PatternTimeout))
            errors.Add($"{path}: \"{text}\" does not match the pattern {pattern.GetValue<string>()}");
    }

    private static void CheckNumber(JsonObject keywords, JsonNode? instance, string path, List<string> errors)
    {
        if (instance is not JsonValue value || value.GetValueKind() != JsonValueKind.Number) return;
        if (keywords["minimum"] is { } minimum && NumberOf(value) < NumberOf(minimum))
            errors.Add($"{path}: {value.ToJsonString()} is less than the minimum {minimum.ToJsonString()}");
        if (keywords["maximum"] is { } maximum && NumberOf(value) > NumberOf(maximum))
            errors.Add($"{path}: {value.ToJsonString()} is more than the maximum {maximum.ToJsonString()}");
    }

    private void CheckObject(JsonObject keywords, JsonNode? instance, string path, List<string> errors, int refDepth)
    {
        if (instance is not JsonObject obj) return;

        if (keywords["required"] is JsonArray required)
            foreach (var name in required.Select(r => r!.GetValue<string>()))
                if (!obj.ContainsKey(name))
                    errors.Add($"{path}: the property \"{name}\" is required");

        var declared = keywords["properties"] as JsonObject;
        var additional = keywords.ContainsKey("additionalProperties") ? keywords["additionalProperties"] : null;
        foreach (var (name, value) in obj)
        {
            var at = PropertyPath(path, name);
            if (declared is not null && declared.TryGetPropertyValue(name, out var propertySchema))
                Evaluate(propertySchema, value, at, errors, refDepth);
            else if (additional is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                errors.Add($"{at}: unknown property \"{name}\"");
            else if (additional is not null)
                Evaluate(additional, value, at, errors, refDepth);
        }
    }

    private void CheckArray(JsonObject keywords, JsonNode? instance, string path, List<string> errors, int refDepth)
    {
        if (instance is not JsonArray array) return;
        if (keywords["minItems"] is { } minItems && array.Count < minItems.GetValue<int>())
            errors.Add($"{path}: needs at least {minItems.GetValue<int>()} item(s), has {array.Count}");
        if (keywords.ContainsKey("items"))
            for (var i = 0; i < array.Count; i++)
                Evaluate(keywords["items"], array[i], $"{path}[{i}]", errors, refDepth);
    }

    private void CheckCombinators(JsonObject keywords, JsonNode? instance, string path, List<string> errors, int refDepth)
    {
        if (keywords["allOf"] is JsonArray allOf)
            foreach (var sub in allOf)
                Evaluate(sub, instance, path, errors, refDepth);

        if (keywords["anyOf"] is JsonArray anyOf)
        {
            var failures = anyOf.Select(sub => Try(sub, instance, path, refDepth)).ToList();
            if (failures.All(f => f.Count > 0))
                errors.Add($"{path}: matches none of the {anyOf.Count} alternatives (anyOf): {Summarise(failures)}");
        }

        if (keywords["oneOf"] is JsonArray oneOf)
        {
            var failures = oneOf.Select(sub => Try(sub, instance, path, refDepth)).ToList();
            var matches = failures.Count(f => f.Count == 0);
            if (matches == 0)
                errors.Add($"{path}: matches none of the {oneOf.Count} alternatives (oneOf): {Summarise(failures)}");
            else if (matches > 1)
                errors.Add($"{path}: matches {matches} of the oneOf alternatives; exactly one must match");
        }

        if (keywords.ContainsKey("if"))
        {
            // "if" only selects: its own failures are never reported.
            var branch = Try(keywords["if"], instance, path, refDepth).Count == 0 ? "then" : "else";
            if (keywords.ContainsKey(branch))
                Evaluate(keywords[branch], instance, path, errors, refDepth);
        }
    }

    private List<string> Try(JsonNode? schema, JsonNode? instance, string path, int refDepth)
    {
        var errors = new List<string>();
        Evaluate(schema, instance, path, errors, refDepth);
        return errors;
    }

    private static string Summarise(List<List<string>> failures) =>
        string.Join(" | ", failures.Select((f, i) => $"[{i + 1}] {string.Join("; ", f)}"));

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
            throw new NotSupportedException($"Only references within the schema (\"#/...\") are supported, not '{reference}'.");
        JsonNode? node = root;
        if (reference.Length <= 1) return node;
        if (reference[1] != '/')
            throw new NotSupportedException($"Only JSON pointer references are supported, not '{reference}'.");
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => throw new InvalidOperationException($"$ref '{reference}' does not point into the schema (no '{token}')."),
            };
        }
        return node;
    }

    private static bool HasType(JsonNode? instance, JsonNode type) => type switch
    {
        JsonArray types => types.Any(t => IsOfType(instance, t!.GetValue<string>())),
        _ => IsOfType(instance, type.GetValue<string>()),
    };

    private static bool IsOfType(JsonNode? instance, string type) => type switch
    {
        "null" => instance is null || instance.GetValueKind() == JsonValueKind.Null,
        "boolean" => instance?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => instance?.GetValueKind() == JsonValueKind.String,
        "number" => instance?.GetValueKind() == JsonValueKind.Number,
        // Stricter than the standard (which also counts 3.0): like the engine's int and long binding, only a
        // number written without a fraction or exponent is whole.
        "integer" => instance?.GetValueKind() == JsonValueKind.Number && instance.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0,
        _ => throw new NotSupportedException($"Unknown type '{type}' in the schema."),
    };

    // Through the JSON text, so numbers built in code (an int, a double) compare like parsed ones.
    private static double NumberOf(JsonNode number) => double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string KindOf(JsonNode? instance) => instance?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        var other => other.ToString() ?? "undefined",
    };

    private static string Describe(JsonNode type) => type is JsonArray types
        ? string.Join(" or ", types.Select(t => t!.GetValue<string>()))
        : type.GetValue<string>();

    private static string PropertyPath(string path, string name) =>
        Regex.IsMatch(name, "^[A-Za-z_$][A-Za-z0-9_$]*$") ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";
}
