using ConsultFlow.Server.Features.Scheduling;
using Hangfire;

namespace ConsultFlow.Server.Features.Jobs;

/// <summary>Hangfire's dashboard for operators at /admin/jobs (linked from the web app's administration pages).</summary>
public static class JobsDashboardSetup
{
    public const string Path = "/admin/jobs";

    /// <summary>After authentication and the audit middleware, so the filter sees the signed-in user.</summary>
    public static void UseJobsDashboard(this WebApplication app) =>
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "后台任务与调度",
            AppPath = "/",
            DisplayStorageConnectionString = false,
            Authorization = [new JobsDashboardAuthorization()],
            IsReadOnlyFunc = JobsDashboardAuthorization.IsReadOnly,
            // Hangfire's own polling: a cookie-authenticated GET, no antiforgery needed for a read-only view; actions are
            // POSTs of administrators only.
            StatsPollingInterval = 5000,
        }, app.Services.GetRequiredService<ConsultFlowScheduler>().Storage);
}
