namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>"ConsultFlow:Scheduling": how the Hangfire-based scheduler runs.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "ConsultFlow:Scheduling";

    /// <summary>PostgreSQL only: the schema of Hangfire's tables (nodes sharing it form one cluster).</summary>
    public string HangfireSchema { get; set; } = "hangfire";

    /// <summary>
    /// How often the due pump looks for items due by the server's clock and enqueues their jobs. Hangfire's own delayed
    /// job poll is 15 s and reads the system clock; this keeps due → fired within a second or two.
    /// </summary>
    public int PumpMilliseconds { get; set; } = 500;

    /// <summary>PostgreSQL only: how often idle Hangfire workers look for enqueued jobs.</summary>
    public int QueuePollMilliseconds { get; set; } = 500;

    /// <summary>Hangfire workers of this node.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the pending work is rebuilt from the database (the truth), besides at every start.</summary>
    public int ReconcileMinutes { get; set; } = 10;

    /// <summary>A timer fired this much after its due time is journaled as late, with the reason.</summary>
    public int LateAfterSeconds { get; set; } = 60;

    /// <summary>How often an overdue task's assignee and leader are reminded again (0: never again after the red alert).</summary>
    public double ReminderIntervalHours { get; set; } = 24;

    /// <summary>Starts the joint consultation (联合会商) once per period of the profile's rule "consultation.jointRhythm".</summary>
    public bool JointConsultation { get; set; } = true;

    /// <summary>How long a node waits for running jobs when it stops.</summary>
    public int ShutdownSeconds { get; set; } = 10;
}
