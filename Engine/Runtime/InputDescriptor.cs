using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>One input an activity type accepts.</summary>
public sealed record InputDescriptor(string Name, InputKind Kind, LocalizedText Label)
{
    public bool Required { get; init; }
    public JsonNode? Default { get; init; }
    public LocalizedText? Help { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }
    /// <summary>
    /// Passed to the activity as the raw rule instead of being evaluated first, for rules the activity evaluates
    /// itself later or several times (a ParallelForEach completion condition, Switch cases).
    /// </summary>
    public bool Deferred { get; init; }
}
