namespace ConsultFlow.Contracts.V1;

/// <summary>涉嫌犯罪案件移送 A case suspected of being a crime was transferred (国务院令第310号第八条); the copy to the procuratorate is the same message to it.</summary>
public sealed record CaseReferred : CaseMessage
{
    public string? CaseName { get; init; }
    public string? CaseNo { get; init; }
    public string[]? Materials { get; init; }
    public bool IsCopy { get; init; }
}
