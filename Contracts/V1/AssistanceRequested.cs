namespace ConsultFlow.Contracts.V1;

/// <summary>协助请求 An agency asks another for assistance.</summary>
public sealed record AssistanceRequested : CaseMessage
{
    public string? Request { get; init; }
    public DateTimeOffset? DueAt { get; init; }
}
