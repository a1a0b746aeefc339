namespace ConsultFlow.Engine.Runtime;

public enum JoinMode
{
    /// <summary>Continue once no branch leading to the join is still running.</summary>
    WaitAll,
    /// <summary>Continue on the first branch to arrive; the other branches leading to the join are cancelled.</summary>
    WaitAny,
}
