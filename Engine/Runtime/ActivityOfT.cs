namespace ConsultFlow.Engine.Runtime;

/// <summary>An activity whose inputs are bound to the record <typeparamref name="TInputs"/> before it runs.</summary>
public abstract class Activity<TInputs> : Activity where TInputs : class
{
    public sealed override Type InputsType => typeof(TInputs);

    protected abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, TInputs inputs);

    /// <summary>Continues after one of the activity's bookmarks was resumed. Only blocking activities override it.</summary>
    protected virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, TInputs inputs, ResumeContext resume) =>
        throw new InvalidOperationException($"Activity type '{Descriptor.Type}' does not block, so it cannot be resumed.");

    internal sealed override ValueTask<ActivityResult> ExecuteUntypedAsync(ActivityContext context, object inputs) =>
        ExecuteAsync(context, (TInputs)inputs);

    internal sealed override ValueTask<ActivityResult> ResumeUntypedAsync(ActivityContext context, object inputs, ResumeContext resume) =>
        ResumeAsync(context, (TInputs)inputs, resume);
}
