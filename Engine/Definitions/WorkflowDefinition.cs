using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Definitions;

/// <summary>
/// A designable workflow: typed variables and inputs, and a flowchart of activities joined by outcome-labelled
/// connections. Definitions are immutable values; the <see cref="Version"/> is assigned by the definition store.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }
    public int Version { get; init; } = 1;
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];
    public IReadOnlyList<VariableDefinition> Inputs { get; init; } = [];
    /// <summary>Who may start it from outside; anyone signed in when unset (designs without a rule yet).</summary>
    public IReadOnlyList<StarterRule>? Starters { get; init; }
    public required Flowchart Flowchart { get; init; }

    /// <summary>Every activity of the definition, including those nested in container bodies.</summary>
    [JsonIgnore]
    public IEnumerable<ActivityNode> AllActivities => Flowchart.Descendants();
}
