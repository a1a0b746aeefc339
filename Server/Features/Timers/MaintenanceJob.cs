using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Notifications;
using Quartz;

namespace ConsultFlow.Server.Features.Timers;

/// <summary>
/// Every ConsultFlow:TimerPollSeconds: delivers resumes owed to parent instances (left by a crash between a child's
/// step and its parent's) and notifies from journal entries nobody has read yet. Both are safe to run on every node.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MaintenanceJob(WorkflowRuntime runtime, JournalNotifications journal) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        await runtime.ProcessPendingResumesAsync(context.CancellationToken);
        await journal.CatchUpAsync(context.CancellationToken);
    }
}
