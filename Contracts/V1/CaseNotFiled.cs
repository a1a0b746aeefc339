namespace ConsultFlow.Contracts.V1;

/// <summary>不予立案 The police decided not to file the case.</summary>
public sealed record CaseNotFiled : CaseAnswer
{
    public override string Outcome { get; init; } = "notFile";
    public string? Reasons { get; init; }
}
