using ConsultFlow.Server.Features.AgencyDirectory;
using Hangfire.Dashboard;

namespace ConsultFlow.Server.Features.Jobs;

/// <summary>
/// The jobs dashboard with the application's own sign-in (its cookie, already read by the authentication middleware):
/// administrators and the coordination office's coordinators (not a member agency's liaison) see it, no one else (Hangfire answers 401 to the anonymous, 403 to the signed-in).
/// Only administrators may act (retry, delete, trigger); <see cref="IsReadOnly"/> makes it read-only for coordinators.
/// </summary>
public sealed class JobsDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true) return false;
        // The same rule as seeing every case: job arguments name cases.
        return http.RequestServices.GetRequiredService<Cases.CaseAccess>().SeesAllCases(Security.CurrentUser.Of(http.User));
    }

    public static bool IsReadOnly(DashboardContext context) => !context.GetHttpContext().User.IsInRole(DirectoryRoles.Administrator);
}
