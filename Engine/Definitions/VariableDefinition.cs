using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Definitions;

/// <summary>A typed workflow variable or input. <see cref="Label"/> is what the designer and forms show.</summary>
public sealed record VariableDefinition(string Name, ValueKind Type)
{
    public JsonNode? Default { get; init; }
    public bool Required { get; init; }
    public LocalizedText? Label { get; init; }
}
