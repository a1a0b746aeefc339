namespace ConsultFlow.Contracts.V1;

/// <summary>移送有管辖权的公安机关 The case was forwarded to the competent police office.</summary>
public sealed record CaseForwarded : CaseAnswer
{
    public override string Outcome { get; init; } = "forward";
    public string? CompetentOffice { get; init; }
}
