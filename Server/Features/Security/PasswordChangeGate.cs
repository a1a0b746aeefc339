using Microsoft.AspNetCore.Mvc;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// A person whose password was generated or reset by an administrator may use nothing but the auth endpoints
/// (sign-out, me, change password) until they have chosen their own.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        var user = CurrentUser.Of(http.User);
        if (!user.IsAuthenticated || !user.MustChangePassword || user.IsApiClient || IsExempt(http.Request.Path))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "请先修改密码。(Change your password first: POST /api/auth/password.)",
            Type = "https://consultflow/problems/password-change-required",
        };
        problem.Extensions["code"] = "PasswordChangeRequired";
        await problems.WriteAsync(new() { HttpContext = http, ProblemDetails = problem });
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/api/auth", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
