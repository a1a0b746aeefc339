namespace ConsultFlow.Contracts.V1;

/// <summary>已签收 The police signed the receipt of a transferred case.</summary>
public sealed record ReceiptSigned : CaseAnswer
{
    public override string Outcome { get; init; } = "accept";
    public string? ReceiptNo { get; init; }
}
