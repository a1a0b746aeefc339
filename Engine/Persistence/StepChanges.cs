using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Persistence;

/// <summary>Everything one engine step changes. The store commits all of it in one transaction or none of it.</summary>
public sealed class StepChanges
{
    public List<InstanceWrite> Instances { get; } = [];
    /// <summary>Tasks created or closed in this step (an upsert by task id).</summary>
    public List<HumanTask> Tasks { get; } = [];
    public List<JournalEntry> Journal { get; } = [];
    public List<PendingResume> PendingResumesAdded { get; } = [];
    public List<Guid> PendingResumesDone { get; } = [];
    public IdempotencyRecord? Idempotency { get; set; }
    /// <summary>Messages to send once the step has committed (the relay sends them).</summary>
    public List<OutboxMessage> Outbox { get; } = [];
    /// <summary>Received messages this step applied; a second delivery of one is refused by the store.</summary>
    public List<InboxRecord> Inbox { get; } = [];
    /// <summary>Other tables' rows to write in the step's transaction (only stores over a database can).</summary>
    public List<AlongsideWrite> Alongside { get; } = [];
}
