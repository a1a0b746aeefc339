namespace ConsultFlow.Contracts.V1;

/// <summary>会商申请已提出 A consultation (会商) was requested.</summary>
public sealed record ConsultationRequested : CaseMessage
{
    public string? Topic { get; init; }
    public string[]? Participants { get; init; }
}
