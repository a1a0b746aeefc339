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
    InstanceCompleted,
    InstanceFaulted,
    InstanceRetried,
    InstanceCancelled,
}
