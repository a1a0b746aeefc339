namespace ConsultFlow.Engine.State;

/// <summary>A wait-all join that a branch has reached while other branches leading to it are still running.</summary>
public sealed record JoinWait(string JoinActivityId, Guid? ScopeId);
