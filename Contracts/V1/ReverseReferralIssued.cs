namespace ConsultFlow.Contracts.V1;

/// <summary>反向移送 A case is referred back for administrative handling.</summary>
public sealed record ReverseReferralIssued : CaseMessage
{
    public string? Reasons { get; init; }
}
