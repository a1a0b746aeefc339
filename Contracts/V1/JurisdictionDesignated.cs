namespace ConsultFlow.Contracts.V1;

/// <summary>已指定管辖 The competent agency was designated.</summary>
public sealed record JurisdictionDesignated : CaseAnswer
{
    public override string Outcome { get; init; } = "designated";
    public string? DesignatedAgency { get; init; }
}
