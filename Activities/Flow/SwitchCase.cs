using System.Text.Json.Nodes;

namespace ConsultFlow.Activities.Flow;

/// <summary>One case of a <see cref="Switch"/>: follow <see cref="Outcome"/> when <see cref="Condition"/> holds.</summary>
public sealed record SwitchCase(string Outcome, JsonNode? Condition);
