namespace ConsultFlow.Server.Features.Audit;

/// <summary>The command record's last row: what a seal covers of it.</summary>
public sealed record AuditHead(long Sequence, string Hash);
