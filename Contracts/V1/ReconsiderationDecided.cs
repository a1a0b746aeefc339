namespace ConsultFlow.Contracts.V1;

/// <summary>复议决定 The reconsideration was decided.</summary>
public sealed record ReconsiderationDecided : CaseAnswer
{
    public override string Outcome { get; init; } = "decided";
    public bool Upheld { get; init; }
}
