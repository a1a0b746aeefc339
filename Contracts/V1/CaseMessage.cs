namespace ConsultFlow.Contracts.V1;

/// <summary>
/// What every message about a case carries. A message belongs to one case (<see cref="CaseKey"/>, the case number),
/// one process instance (<see cref="InstanceId"/>) and one step of it (<see cref="Step"/>, the activity id): an answer
/// copies the three from the request it answers, which is how ConsultFlow finds the step waiting for it.
/// Version 1: fields are only ever added (optional), never renamed or removed; a breaking change is a V2 namespace.
/// </summary>
public abstract record CaseMessage
{
    public required string CaseKey { get; init; }
    public required Guid InstanceId { get; init; }
    public required string Step { get; init; }
    /// <summary>Directory code of the sending agency (e.g. "gaj").</summary>
    public string? FromAgency { get; init; }
    /// <summary>Directory code of the receiving agency; null for an event to every subscriber.</summary>
    public string? ToAgency { get; init; }
    public DateTimeOffset SentAt { get; init; }
    /// <summary>The message id of the request this answers, if any.</summary>
    public Guid? InReplyTo { get; init; }
    public string? Comment { get; init; }
}
