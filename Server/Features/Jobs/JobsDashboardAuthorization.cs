using ConsultFlow.Server.Features.AgencyDirectory;
using Hangfire.Dashboard;

namespace ConsultFlow.Server.Features.Jobs;

/// <summary>
/// The jobs dashboard with the application's own sign-in (its cookie, already read by the authentication middleware):
/// administrators and coordinators see it, no one else (Hangfire answers 401 to the anonymous, 403 to the signed-in).
/// Only administrators may act (retry, delete, trigger); <see cref="IsReadOnly"/> makes it read-only for coordinators.
/// </summary>
public sealed class JobsDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
            && (user.IsInRole(DirectoryRoles.Administrator) || user.IsInRole(DirectoryRoles.Coordinator));
    }

    public static bool IsReadOnly(DashboardContext context) => !context.GetHttpContext().User.IsInRole(DirectoryRoles.Administrator);
}
