namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// How much one step (a start, a completion, a timer) may do. A definition that loops without waiting, or fans out
/// over a huge list, is stopped here instead of spinning a core and filling memory: too many activities fault the
/// instance with an incident an operator can read; too many tasks refuse the step, so nothing is written.
/// </summary>
public sealed record StepLimits
{
    public static StepLimits Default { get; } = new();

    /// <summary>Activities one step may run before the instance faults.</summary>
    public int MaxActivitiesPerStep { get; init; } = 10_000;

    /// <summary>Human tasks one step may create.</summary>
    public int MaxTasksPerStep { get; init; } = 200;
}
