namespace ConsultFlow.Engine.State;

public enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
}
