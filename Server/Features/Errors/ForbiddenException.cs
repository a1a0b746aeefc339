using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Server.Features.Errors;

/// <summary>The caller is known but may not do this (403 problem, naming the fields when a value is what they may not give); nothing was changed.</summary>
public sealed class ForbiddenException(string message, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];
}
