namespace ConsultFlow.Contracts.V1;

/// <summary>会商决定已记录 The decision of a consultation was recorded.</summary>
public sealed record DecisionRecorded : CaseMessage
{
    public string? Decision { get; init; }
}
