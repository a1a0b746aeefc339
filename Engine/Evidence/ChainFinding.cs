namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// The first thing found wrong with a record: which table, which case (when the row belongs to one), which row, how.
/// <see cref="Message"/> is Chinese; <see cref="MessageEn"/> the same in English.
/// </summary>
public sealed record ChainFinding(ChainFault Fault, string Table, Guid? InstanceId, long? Sequence, string Message, string MessageEn)
{
    /// <summary>For a task whose state no longer matches the journal: which task.</summary>
    public Guid? TaskId { get; init; }
}
