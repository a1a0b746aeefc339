namespace ConsultFlow.Engine.Definitions;

/// <summary>One activity placed on a flowchart. Inputs are keyed by the input names of the activity's descriptor.</summary>
public sealed record ActivityNode
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Name { get; init; }
    public IReadOnlyDictionary<string, InputValue> Inputs { get; init; } = new Dictionary<string, InputValue>();
    public Position? Position { get; init; }
    /// <summary>The nested flowchart run once per item by a container activity such as ParallelForEach.</summary>
    public Flowchart? Body { get; init; }
}
