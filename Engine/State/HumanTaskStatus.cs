namespace ConsultFlow.Engine.State;

public enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
    /// <summary>Its period ended unanswered and the process recorded that (e.g. 未反馈) instead of an answer.</summary>
    Expired,
}
