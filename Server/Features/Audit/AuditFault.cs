namespace ConsultFlow.Server.Features.Audit;

/// <summary>How the first broken row of the chain was tampered with.</summary>
public enum AuditFault
{
    /// <summary>The row's content no longer matches its hash.</summary>
    Changed,
    /// <summary>A sequence number is missing.</summary>
    Removed,
    /// <summary>The row does not follow the one before it (previous-hash mismatch), or its sequence is out of order.</summary>
    Reordered,
}
