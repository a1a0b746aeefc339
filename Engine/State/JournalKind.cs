namespace ConsultFlow.Engine.State;

public enum JournalKind
{
    InstanceStarted,
    ActivityStarted,
    ActivityCompleted,
    ActivityFaulted,
    BookmarkCreated,
    BookmarkResumed,
    BookmarkCancelled,
    TaskAssigned,
    TaskCompleted,
    TaskCancelled,
    VariableSet,
    /// <summary>A deadline passed (or another rule fired) and the people the process names are to be alerted.</summary>
    AlertRaised,
    InstanceCompleted,
    InstanceFaulted,
    InstanceRetried,
    InstanceCancelled,
    /// <summary>A person took an open task on (it is theirs to finish), or a claim changed hands.</summary>
    TaskClaimed,
    /// <summary>An open task was given to another role or person of the same agency.</summary>
    TaskReassigned,
    /// <summary>A claim on an open task was given up: the task is back with everyone in its role.</summary>
    TaskReleased,
    /// <summary>A timer fired later than its due time (e.g. the server was down then); the message says why.</summary>
    TimerFiredLate,
    /// <summary>A message was written to the outbox with this step (it leaves once the step committed).</summary>
    MessageSent,
    /// <summary>A message from another system took effect on the instance (resumed a wait or completed a task).</summary>
    MessageReceived,
    /// <summary>An evidence file was added to the case: its name, size and SHA-256, chained with the step that stored it.</summary>
    AttachmentAdded,
    /// <summary>Someone downloaded the case's evidence package; the data names the package's SHA-256 manifest hash.</summary>
    EvidenceExported,
}
