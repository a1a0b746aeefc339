namespace ConsultFlow.Contracts.V1;

/// <summary>意见已提交 An agency submitted its opinion.</summary>
public sealed record OpinionSubmitted : CaseAnswer
{
    public override string Outcome { get; init; } = "submitted";
    public string? Opinion { get; init; }
}
