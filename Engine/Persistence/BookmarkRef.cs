namespace ConsultFlow.Engine.Persistence;

/// <summary>A bookmark found through the store's index (a due timer, a waiting message).</summary>
public sealed record BookmarkRef(Guid InstanceId, Guid BookmarkId, DateTimeOffset? DueAt);
