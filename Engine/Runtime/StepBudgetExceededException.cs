namespace ConsultFlow.Engine.Runtime;

/// <summary>The incident of an instance whose step ran more activities than <see cref="StepLimits"/> allow.</summary>
public sealed class StepBudgetExceededException(int limit) : Exception(
    $"一个步骤运行了超过 {limit} 个活动，流程可能在无等待的环路中空转，已中止为故障。(More than {limit} activities ran in one step; the instance may loop without waiting.)");
