namespace ConsultFlow.Engine.State;

/// <summary>An activity execution waiting in the queue. <see cref="Resume"/> is set when it continues from a bookmark.</summary>
public sealed record ScheduledWork(Guid ExecutionId, string ActivityId, Guid? ScopeId)
{
    public ResumeEvent? Resume { get; init; }
}
