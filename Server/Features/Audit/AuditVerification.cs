namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// The outcome of walking the chain. When intact: the number of rows and the head (last sequence and hash), which an
/// operator may note elsewhere, since only an outside copy of the head can reveal a re-hashed or truncated tail.
/// When broken: the first bad row's sequence, what is wrong with it, and the rows before it that were intact.
/// </summary>
public sealed record AuditVerification(bool Ok, long Count, long? HeadSequence, string? HeadHash, long? Sequence, AuditFault? Fault, string Message)
{
    public static AuditVerification Intact(long count, long? headSequence, string? headHash) =>
        new(true, count, headSequence, headHash, null, null,
            count == 0 ? "The audit record is empty." : $"The audit record is intact: {count} rows, head {headSequence} {headHash}.");

    public static AuditVerification Broken(long intactCount, long sequence, AuditFault fault, string message) =>
        new(false, intactCount, null, null, sequence, fault, message);
}
