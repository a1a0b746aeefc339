namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// A message an engine step wants sent, written in the same transaction as the step (the transactional outbox), so
/// that a message leaves if and only if the step committed. <see cref="Id"/> is also the message id on the wire, which
/// lets receivers drop a second delivery of the same message.
/// </summary>
/// <param name="MessageType">The contract's name, e.g. "CaseReferred".</param>
/// <param name="Destination">The agency whose system receives it (a send), or null for an event published to all subscribers.</param>
/// <param name="PayloadJson">The message body as JSON (camelCase), including the case, instance and step it belongs to.</param>
public sealed record OutboxMessage(
    Guid Id, Guid InstanceId, string ActivityId, string MessageType, string? Destination, string PayloadJson, DateTimeOffset CreatedAt);
