namespace ConsultFlow.Contracts.V1;

/// <summary>管辖争议已提出 A jurisdiction dispute was raised.</summary>
public sealed record DisputeRaised : CaseMessage
{
    public string[]? Agencies { get; init; }
    public string? Reason { get; init; }
}
