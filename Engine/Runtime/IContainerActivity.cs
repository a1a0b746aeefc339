namespace ConsultFlow.Engine.Runtime;

/// <summary>An activity that runs its body once per item (see <see cref="ActivityResult.RunBody"/>).</summary>
public interface IContainerActivity
{
    /// <summary>
    /// Called each time a body scope finishes. Returning true completes the container with outcome Done and cancels
    /// the scopes still running; when every scope has finished the container completes regardless.
    /// </summary>
    bool IsDoneEarly(ActivityContext context, object inputs, IReadOnlyList<ScopeResult> results);
}
