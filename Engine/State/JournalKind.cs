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
}
