namespace ConsultFlow.Engine.Runtime;

/// <summary>The activity types an engine knows, by type name.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Activity> byType = new(StringComparer.Ordinal);

    public ActivityRegistry(IEnumerable<Activity> activities)
    {
        foreach (var activity in activities)
            if (!byType.TryAdd(activity.Descriptor.Type, activity))
                throw new InvalidOperationException($"Activity type '{activity.Descriptor.Type}' is registered twice.");
    }

    public Activity? Find(string type) => byType.GetValueOrDefault(type);

    public Activity Get(string type) =>
        Find(type) ?? throw new InvalidOperationException($"Unknown activity type '{type}'.");

    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        byType.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type).ToList();
}
