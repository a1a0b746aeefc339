namespace ConsultFlow.Engine.Persistence.EntityFramework.Rows;

/// <summary>A row of <c>inbox_messages</c>: message <see cref="MessageId"/> took effect on instance <see cref="InstanceId"/>.</summary>
public sealed class InboxRow
{
    public Guid MessageId { get; set; }
    public Guid InstanceId { get; set; }
    public required string MessageType { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
