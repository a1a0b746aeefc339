using System.Text.Json.Nodes;
using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Notifications;
using Hangfire;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// At the start of each period of the profile's joint-consultation rhythm: starts Workflows/joint-consultation.json
/// (its convene task goes to the convener's leader) with the period's idempotency key, so that however many nodes
/// fire, one instance starts per period; tells the convener's leaders; then schedules the next period.
/// </summary>
public sealed class JointConsultationJob(WorkflowRuntime runtime, DeploymentProfile profile, Notifier notifier, ConsultFlowScheduler scheduler,
    TimeProvider clock, ILogger<JointConsultationJob> logger)
{
    public const string DefinitionId = "joint-consultation";

    public static Hangfire.Common.Job For(DateTimeOffset periodStart) =>
        Hangfire.Common.Job.FromExpression<JointConsultationJob>(j => j.RunAsync(periodStart, CancellationToken.None));

    /// <summary>The job of the period starting at <paramref name="at"/> (one per period, whichever node asks).</summary>
    public static void ScheduleNext(ConsultFlowScheduler scheduler, DateTimeOffset at) =>
        scheduler.Ensure(DueWorkKeys.ForJointPeriod(at), at, For(at));

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 60, 300, 1800, 3600])]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("联合会商周期 {0}")]
    public async Task RunAsync(DateTimeOffset periodStart, CancellationToken ct)
    {
        if (JointConsultationPeriod.Months(profile) is not { } months) return;
        var key = DueWorkKeys.ForJointPeriod(periodStart);
        var now = clock.GetUtcNow();
        if (periodStart > now)
        {
            scheduler.Reschedule(key, periodStart, For(periodStart));
            return;
        }
        var period = JointConsultationPeriod.Of(now, months, profile.Name);
        try
        {
            var started = await runtime.StartAsync(new StartWorkflow(DefinitionId, new JsonObject { ["note"] = $"{period.Label}联合会商（按部署配置的会商周期自动发起）" }),
                Actor.System, period.Key, ct);
            await notifier.NotifyAsync(new NotificationDraft(NotificationKinds.JointConsultationDue,
                    $"联合会商提示：{period.Label}",
                    $"按照会商周期（每{months}个月一次，{profile.Rule(JointConsultationPeriod.Rule).LegalBasis}），请召集{period.Label}联合会商。",
                    $"joint:{period.Key}") { CaseId = started.InstanceId },
                [new AlertRecipient(profile.JointConsultationConvener, DirectoryRoles.Leader)], ct);
            logger.LogInformation("Joint consultation of {Period} is instance {Instance}.", period.Label, started.InstanceId);
        }
        catch (EngineException ex) when (ex.Code is EngineErrorCode.NotFound or EngineErrorCode.Conflict)
        {
            logger.LogWarning("The joint consultation of {Period} could not start: {Message}", period.Label, ex.Message);
        }
        scheduler.MarkDone(key, forget: false);
        ScheduleNext(scheduler, period.End);
    }
}
