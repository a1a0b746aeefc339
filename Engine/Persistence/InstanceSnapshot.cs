using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Persistence;

/// <summary>A loaded instance and the revision it had, which the save of the next step must still find.</summary>
public sealed record InstanceSnapshot(WorkflowState State, long Revision);
