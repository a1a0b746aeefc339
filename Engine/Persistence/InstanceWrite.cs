using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// An instance to insert (<see cref="ExpectedRevision"/> null) or update. An update succeeds only while the stored
/// revision still equals <see cref="ExpectedRevision"/>: that is what stops two concurrent steps both winning.
/// The store keeps the instance's bookmark index in step with <see cref="WorkflowState.Bookmarks"/>.
/// </summary>
public sealed record InstanceWrite(WorkflowState State, long? ExpectedRevision);
