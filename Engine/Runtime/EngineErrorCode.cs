namespace ConsultFlow.Engine.Runtime;

/// <summary>Why the engine refused a request; the server maps each to an HTTP status.</summary>
public enum EngineErrorCode
{
    NotFound,
    /// <summary>The request does not fit (bad form data, unknown outcome, invalid definition).</summary>
    Invalid,
    /// <summary>The bookmark or task was already consumed, the instance is not in a state that allows it.</summary>
    Conflict,
    /// <summary>An idempotency key was reused for a different request.</summary>
    IdempotencyKeyReused,
}
