namespace ConsultFlow.Contracts.V1;

/// <summary>提请立案监督 The procuratorate is asked to supervise the filing.</summary>
public sealed record SupervisionRequested : CaseMessage
{
    public string? Grounds { get; init; }
}
