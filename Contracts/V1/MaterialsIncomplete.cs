namespace ConsultFlow.Contracts.V1;

/// <summary>材料不全，通知补正 The materials are incomplete; the transferring agency is to complete them.</summary>
public sealed record MaterialsIncomplete : CaseAnswer
{
    public override string Outcome { get; init; } = "materialsIncomplete";
    public string? MissingMaterials { get; init; }
}
