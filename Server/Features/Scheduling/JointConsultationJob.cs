using System.Text.Json.Nodes;
using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Notifications;
using Quartz;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// At the start of each period of the profile's joint-consultation rhythm: starts Workflows/joint-consultation.json
/// (its convene task goes to the convener's leader) with the period's idempotency key, so that however many nodes
/// fire, one instance starts per period; tells the convener's leaders; then schedules the next period.
/// </summary>
[DisallowConcurrentExecution]
public sealed class JointConsultationJob(WorkflowRuntime runtime, DeploymentProfile profile, Notifier notifier, ConsultFlowScheduler scheduler,
    TimeProvider clock, ILogger<JointConsultationJob> logger) : IJob
{
    public const string DefinitionId = "joint-consultation";
    private const string PeriodStart = "periodStart";

    public async Task Execute(IJobExecutionContext context)
    {
        var ct = context.CancellationToken;
        if (JointConsultationPeriod.Months(profile) is not { } months) return;
        var now = clock.GetUtcNow();
        // The period start the trigger was set for; fired early by a foreign clock, it waits.
        if (DateTimeOffset.TryParse(context.MergedJobDataMap.GetString(PeriodStart), out var planned) && planned > now)
        {
            await scheduler.AgainAfterAsync(context.JobDetail.Key, planned - now, ct, new() { [PeriodStart] = planned.ToString("O") });
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
        await ScheduleNextAsync(scheduler, period.End, ct);
    }

    /// <summary>The job (durable: it lives between its one-shot triggers) and the next period's trigger.</summary>
    public static async Task ScheduleNextAsync(ConsultFlowScheduler scheduler, DateTimeOffset at, CancellationToken ct)
    {
        var key = ScheduleKeys.JointConsultation;
        try
        {
            if (!await scheduler.Quartz.CheckExists(key, ct))
                await scheduler.Quartz.AddJob(JobBuilder.Create<JointConsultationJob>().WithIdentity(key).StoreDurably().Build(), replace: false, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
        }
        var trigger = TriggerBuilder.Create().WithIdentity($"{key.Name}:{at.UtcDateTime:yyyyMMddHHmm}", key.Group).ForJob(key)
            .UsingJobData(PeriodStart, at.ToString("O"))
            .StartAt(at).WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow()).Build();
        try
        {
            await scheduler.Quartz.ScheduleJob(trigger, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node scheduled this period already.
        }
    }
}
