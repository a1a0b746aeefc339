namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>
/// A row of <c>bookmarks</c>: an index over the bookmarks held in instance snapshots, so that due timers and waiting
/// messages can be found without loading every instance. The snapshot stays the source of truth.
/// </summary>
public sealed class BookmarkRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    /// <summary>A <see cref="State.BookmarkKind"/> name.</summary>
    public required string Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? MessageName { get; set; }
    public string? CorrelationKey { get; set; }
}
