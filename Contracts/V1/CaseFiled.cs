namespace ConsultFlow.Contracts.V1;

/// <summary>立案 The police filed the case.</summary>
public sealed record CaseFiled : CaseAnswer
{
    public override string Outcome { get; init; } = "file";
    public string? FilingNo { get; init; }
}
