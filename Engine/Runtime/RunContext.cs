using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Runtime;

/// <summary>One step of one instance: its state, its definition, and the changes the step will commit.</summary>
internal sealed class RunContext(WorkflowState state, CompiledDefinition definition, StepChanges changes, DateTimeOffset now, Actor actor, EngineEnvironment environment)
{
    public EngineEnvironment Environment { get; } = environment;
    public WorkflowState State { get; } = state;
    public CompiledDefinition Definition { get; } = definition;
    public StepChanges Changes { get; } = changes;
    public DateTimeOffset Now { get; } = now;
    public Actor Actor { get; } = actor;
    /// <summary>Human tasks this step has created so far, against <see cref="StepLimits.MaxTasksPerStep"/>.</summary>
    public int TasksCreated { get; set; }

    /// <summary>Starts a child instance inside this step (set by the runtime); returns the child's id.</summary>
    public Func<ChildStart, ParentLink?, Task<Guid>>? StartChild { get; init; }

    public void Journal(JournalKind kind, string? activityId = null, string? activityType = null, Guid? executionId = null,
        string? message = null, JsonNode? data = null, Actor? actor = null)
    {
        Changes.Journal.Add(new JournalEntry(State.InstanceId, State.NextJournalSequence++, Now, kind, activityId, activityType,
            executionId, actor ?? Actor, message, data));
    }
}
