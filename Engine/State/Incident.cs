namespace ConsultFlow.Engine.State;

/// <summary>Why an instance faulted. The faulted work stays at the head of the queue so a retry runs exactly it.</summary>
public sealed record Incident(string ActivityId, Guid ExecutionId, string Message, string? ExceptionType, DateTimeOffset At);
