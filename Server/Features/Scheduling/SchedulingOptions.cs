namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>"ConsultFlow:Scheduling": how the Quartz.NET scheduler runs.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "ConsultFlow:Scheduling";

    /// <summary>Quartz's scheduler name; nodes sharing one PostgreSQL database and this name form one cluster.</summary>
    public string SchedulerName { get; set; } = "ConsultFlow";

    /// <summary>How long Quartz sleeps when nothing is due soon (at least 1000 ms). A moved test clock is noticed within it.</summary>
    public int IdleWaitMilliseconds { get; set; } = 30_000;

    /// <summary>A trigger this much past its time counts as misfired (server down, scheduler stalled) and fires once at once.</summary>
    public int MisfireThresholdSeconds { get; set; } = 60;

    /// <summary>A timer fired this much after its due time is journaled as late, with the reason.</summary>
    public int LateAfterSeconds { get; set; } = 60;

    /// <summary>PostgreSQL only: how often a node checks in with the cluster (a silent node's jobs are taken over).</summary>
    public int ClusterCheckinMilliseconds { get; set; } = 7_500;

    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How often an overdue task's assignee and leader are reminded again (0: never again after the red alert).</summary>
    public double ReminderIntervalHours { get; set; } = 24;

    /// <summary>Starts the joint consultation (联合会商) once per period of the profile's rule "consultation.jointRhythm".</summary>
    public bool JointConsultation { get; set; } = true;
}
