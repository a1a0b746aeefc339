using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Definitions;

/// <summary>A typed workflow variable or input. <see cref="Label"/> is what the designer and forms show.</summary>
public sealed record VariableDefinition(string Name, ValueKind Type)
{
    public JsonNode? Default { get; init; }
    public bool Required { get; init; }
    public LocalizedText? Label { get; init; }
    /// <summary>The only values a text input may take (e.g. "claim" / "decline").</summary>
    public IReadOnlyList<string>? Choices { get; init; }
    /// <summary>The fewest items a list input must have (e.g. at least two agencies in a dispute).</summary>
    public int? MinItems { get; init; }

    /// <summary>Why <paramref name="value"/> does not fit this parameter, or null when it does.</summary>
    public string? ProblemWith(JsonNode? value)
    {
        if (value is null) return Required ? $"'{Name}' is required." : null;
        if (!Runtime.ValueKinds.Accepts(Type, value)) return $"'{Name}' must be of type {Type}.";
        if (Choices is { } choices && value.GetValueKind() == System.Text.Json.JsonValueKind.String && !choices.Contains(value.GetValue<string>()))
            return $"'{Name}' must be one of: {string.Join(", ", choices)}.";
        if (MinItems is { } min && value is JsonArray items && items.Count < min)
            return $"'{Name}' needs at least {min} item(s).";
        return null;
    }
}
