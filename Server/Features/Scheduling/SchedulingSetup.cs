namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>Every time-based thing (timers, deadline warnings, reminders, recurring consultations) through Quartz.NET.</summary>
public static class SchedulingSetup
{
    public static void AddConsultFlowScheduling(this WebApplicationBuilder builder) { }

    /// <summary>Runs after the databases are migrated and before the server takes requests.</summary>
    public static Task PrepareSchedulingAsync(this IServiceProvider services) => Task.CompletedTask;
}
