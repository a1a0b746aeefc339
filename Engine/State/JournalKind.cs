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
}
