namespace ConsultFlow.Engine.Definitions;

/// <summary>Activities and the connections between them. A container activity (ParallelForEach) owns a nested one.</summary>
public sealed record Flowchart(IReadOnlyList<ActivityNode> Activities, IReadOnlyList<Connection> Connections)
{
    public IEnumerable<ActivityNode> Descendants()
    {
        foreach (var activity in Activities)
        {
            yield return activity;
            if (activity.Body is { } body)
                foreach (var nested in body.Descendants())
                    yield return nested;
        }
    }

    /// <summary>Where a run of this flowchart begins: its Start activity, or else the activities nothing points to.</summary>
    public IEnumerable<ActivityNode> EntryActivities()
    {
        var starts = Activities.Where(a => a.Type == BuiltInActivityTypes.Start).ToList();
        if (starts.Count > 0) return starts;
        var targets = Connections.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        return Activities.Where(a => !targets.Contains(a.Id));
    }
}
