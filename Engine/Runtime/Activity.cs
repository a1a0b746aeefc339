using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// An activity type. One instance serves every placed activity of its type, so it keeps no per-run state: what it
/// needs to remember while blocked goes into its bookmarks. Derive from <see cref="Activity{TInputs}"/>.
/// </summary>
public abstract class Activity
{
    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>The typed record the activity's inputs are bound to (JSON names are the descriptor's input names).</summary>
    public abstract Type InputsType { get; }

    /// <summary>The outcomes a placed activity can complete with; validation checks connections against them.</summary>
    public virtual IReadOnlyList<string> OutcomesOf(ActivityNode node) => Descriptor.Outcomes;

    /// <summary>Problems with a placed activity that only this type can see (beyond input types and presence).</summary>
    public virtual IEnumerable<string> Validate(ActivityNode node) => [];

    internal abstract ValueTask<ActivityResult> ExecuteUntypedAsync(ActivityContext context, object inputs);

    internal abstract ValueTask<ActivityResult> ResumeUntypedAsync(ActivityContext context, object inputs, ResumeContext resume);
}
