namespace ConsultFlow.Engine.Persistence;

/// <summary>Another step saved the instance first (or took the idempotency key first); the caller reloads and retries.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
