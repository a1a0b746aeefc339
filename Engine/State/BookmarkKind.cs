namespace ConsultFlow.Engine.State;

public enum BookmarkKind
{
    HumanTask,
    Timer,
    Message,
    SubWorkflow,
    /// <summary>A container activity waiting for its body scopes.</summary>
    Body,
}
