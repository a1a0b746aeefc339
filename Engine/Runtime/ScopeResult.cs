using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Runtime;

/// <summary>The outputs of one body scope of a container, by activity id.</summary>
public sealed record ScopeResult(int Index, JsonNode? Item, JsonObject Outputs, bool Completed);
