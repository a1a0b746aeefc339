namespace ConsultFlow.Contracts.V1;

/// <summary>协助答复 The assistance request was answered.</summary>
public sealed record AssistanceAnswered : CaseAnswer
{
    public override string Outcome { get; init; } = "answered";
    public string? Answer { get; init; }
}
