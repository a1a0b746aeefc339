namespace ConsultFlow.Server.Features.Messaging;

/// <summary>
/// A message no step waits for (wrong case or step, or a step already done by a person). It is retried a few times
/// (the waiting step may still be committing elsewhere) and then lands in the error queue for an administrator.
/// </summary>
public sealed class UnmatchedMessageException(string message) : Exception(message);
