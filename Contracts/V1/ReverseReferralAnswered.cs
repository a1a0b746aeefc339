namespace ConsultFlow.Contracts.V1;

/// <summary>反向移送答复 The reverse referral was answered.</summary>
public sealed record ReverseReferralAnswered : CaseAnswer
{
    public override string Outcome { get; init; } = "answered";
    public string? Answer { get; init; }
}
