namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// One entry of a case's journal as it is chained: exactly the stored columns, so that anyone holding the rows (an
/// evidence package, an export) can recompute every hash with <see cref="CaseChainForm"/> and no database.
/// </summary>
public sealed record CaseChainRow
{
    public Guid InstanceId { get; init; }

    /// <summary>1, 2, 3, ... without gaps within the case.</summary>
    public long Sequence { get; init; }

    /// <summary>UTC, whole microseconds.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>A journal kind name such as "TaskCompleted".</summary>
    public string Kind { get; init; } = "";

    public string? ActivityId { get; init; }
    public string? ActivityType { get; init; }
    public Guid? ExecutionId { get; init; }
    public string? ActorUser { get; init; }
    public string? ActorAgency { get; init; }
    public string? ActorRole { get; init; }

    /// <summary>For a completed task, the chosen outcome; otherwise a readable note.</summary>
    public string? Message { get; init; }

    /// <summary>The entry's data as the stored JSON text (for a completed task: its id, form data, comment, attachments).</summary>
    public string? DataJson { get; init; }

    public string Algorithm { get; init; } = HashAlgorithms.Sha256;

    /// <summary>The previous entry's <see cref="Hash"/>, or <see cref="HashAlgorithms.GenesisHash"/> for entry 1.</summary>
    public string PreviousHash { get; init; } = HashAlgorithms.GenesisHash;

    public string Hash { get; init; } = "";
}
