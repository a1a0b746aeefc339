namespace ConsultFlow.Contracts.V1;

/// <summary>会商会议已召集 A consultation meeting was convened.</summary>
public sealed record MeetingConvened : CaseMessage
{
    public DateTimeOffset? MeetingAt { get; init; }
    public string? Place { get; init; }
}
