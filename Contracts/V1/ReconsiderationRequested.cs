namespace ConsultFlow.Contracts.V1;

/// <summary>申请复议 The transferring agency asked for reconsideration.</summary>
public sealed record ReconsiderationRequested : CaseMessage
{
    public string? Grounds { get; init; }
}
