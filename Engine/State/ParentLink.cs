namespace ConsultFlow.Engine.State;

/// <summary>A child instance started by a SubWorkflow activity that waits for it: resume this bookmark on completion.</summary>
public sealed record ParentLink(Guid InstanceId, Guid BookmarkId);
