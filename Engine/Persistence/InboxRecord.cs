namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// That a received message took effect on an instance, written in the same transaction as the step it caused: a second
/// delivery of the same message id finds it and changes nothing.
/// </summary>
public sealed record InboxRecord(Guid MessageId, Guid InstanceId, string MessageType, DateTimeOffset ReceivedAt);
