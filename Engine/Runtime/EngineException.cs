using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Runtime;

/// <summary>A refused request. Nothing was changed when this is thrown.</summary>
public sealed class EngineException(EngineErrorCode code, string message, IReadOnlyList<FieldError>? errors = null)
    : Exception(message)
{
    public EngineErrorCode Code { get; } = code;
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];
}
