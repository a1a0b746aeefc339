using ConsultFlow.Engine.Evidence;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// One case checked: its journal chain against the head its row records and the last seal that covers it, its tasks'
/// final states and its attachments (rows and files) against what the journal says. <see cref="Finding"/> is the
/// first thing wrong, null when intact.
/// </summary>
public sealed record CaseVerification(
    Guid InstanceId,
    bool Ok,
    long Entries,
    string? Head,
    long? SealedBy,
    long? SealedLength,
    int Tasks,
    int Attachments,
    ChainFinding? Finding,
    string Message);
