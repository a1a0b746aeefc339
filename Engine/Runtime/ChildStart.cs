using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Runtime;

/// <summary>A child instance to start: the newest published version unless <see cref="Version"/> is given.</summary>
public sealed record ChildStart(string DefinitionId, int? Version, JsonObject Input);
