using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Runtime;

/// <summary>A request to start an instance: the newest published version unless <see cref="Version"/> is given.</summary>
public sealed record StartWorkflow(string DefinitionId, JsonObject? Input = null)
{
    public int? Version { get; init; }
    /// <summary>A business key (e.g. a case number) that messages correlate on.</summary>
    public string? CorrelationKey { get; init; }
    /// <summary>Set when the starter acts for another agency than their own; the server decides who may.</summary>
    public ActingFor? ActingFor { get; init; }
}
