namespace ConsultFlow.Contracts.V1;

/// <summary>征求意见 An agency's opinion is requested.</summary>
public sealed record OpinionRequested : CaseMessage
{
    public string? Question { get; init; }
    public DateTimeOffset? DueAt { get; init; }
}
