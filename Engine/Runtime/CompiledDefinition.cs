using System.Collections.Concurrent;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>A definition indexed for the run loop: nodes by id, outgoing connections, and join ancestors.</summary>
public sealed class CompiledDefinition
{
    private readonly Dictionary<string, (ActivityNode Node, Flowchart Owner)> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, string Outcome), List<string>> targets = [];
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> ancestors = new(StringComparer.Ordinal);

    public CompiledDefinition(WorkflowDefinition definition)
    {
        Definition = definition;
        Index(definition.Flowchart);
    }

    public WorkflowDefinition Definition { get; }

    public ActivityNode Node(string activityId) =>
        nodes.TryGetValue(activityId, out var entry)
            ? entry.Node
            : throw new InvalidOperationException($"Activity '{activityId}' is not in {Definition.Id} v{Definition.Version}.");

    public IReadOnlyList<string> TargetsOf(string activityId, string outcome) =>
        targets.TryGetValue((activityId, outcome), out var list) ? list : [];

    /// <summary>The activities from which <paramref name="activityId"/> can be reached in its own flowchart.</summary>
    public IReadOnlySet<string> AncestorsOf(string activityId) => ancestors.GetOrAdd(activityId, ComputeAncestors);

    private void Index(Flowchart flowchart)
    {
        foreach (var node in flowchart.Activities)
        {
            nodes[node.Id] = (node, flowchart);
            if (node.Body is { } body) Index(body);
        }
        foreach (var c in flowchart.Connections)
        {
            if (!targets.TryGetValue((c.Source, c.Outcome), out var list))
                targets[(c.Source, c.Outcome)] = list = [];
            list.Add(c.Target);
        }
    }

    private IReadOnlySet<string> ComputeAncestors(string activityId)
    {
        var owner = nodes[activityId].Owner;
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([activityId]);
        while (pending.TryPop(out var current))
            foreach (var c in owner.Connections)
                if (c.Target == current && found.Add(c.Source))
                    pending.Push(c.Source);
        found.Remove(activityId);
        return found;
    }
}
