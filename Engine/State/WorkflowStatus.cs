namespace ConsultFlow.Engine.State;

public enum WorkflowStatus
{
    Running,
    /// <summary>Blocked on at least one bookmark (a task, a timer, a message, a child workflow).</summary>
    Suspended,
    Completed,
    Faulted,
    Cancelled,
}
