using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Rebuilds a cookie's principal from the database on every request: a role change, a move to another agency, a lock
/// or a password change (new security stamp) takes effect at once rather than when the cookie expires. One indexed
/// read per request is cheap next to what the request itself does.
/// </summary>
public static class CookieValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var current = principal is null ? null : CurrentUser.Of(principal);
        var db = context.HttpContext.RequestServices.GetRequiredService<ServerDbContext>();
        var user = current is not null && Guid.TryParse(current.Id, out var id)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted)
            : null;
        if (user is null
            || user.SecurityStamp != principal!.FindFirst(ConsultFlowClaims.SecurityStamp)?.Value
            || user.LockoutEnd >= DirectoryAdministration.IndefiniteLock)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }
        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync(context.HttpContext.RequestAborted);
        context.ReplacePrincipal(ConsultFlowClaims.ForUser(user, roles, context.Scheme.Name));
    }
}
