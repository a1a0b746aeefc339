namespace ConsultFlow.Contracts.V1;

/// <summary>已提级 The matter was escalated to the next level.</summary>
public sealed record Escalated : CaseMessage
{
    public string? EscalatedTo { get; init; }
    public string? Reason { get; init; }
}
