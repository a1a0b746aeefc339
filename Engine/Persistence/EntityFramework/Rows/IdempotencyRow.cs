namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>A row of <c>idempotency_records</c>; the primary key on <see cref="Key"/> is what lets only one request win.</summary>
public sealed class IdempotencyRow
{
    public required string Key { get; set; }
    public required string Operation { get; set; }
    public required string RequestHash { get; set; }
    public Guid InstanceId { get; set; }
    public required string ResultJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
