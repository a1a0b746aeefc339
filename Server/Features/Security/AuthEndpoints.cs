using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Text;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Sign-in for people (an HttpOnly cookie for the web UI), sign-out, who am I, and changing one's own password.
/// A failed sign-in never tells whether the user exists: wrong names and wrong passwords get the same 401, and after
/// too many from one address the same 429 (<see cref="SignInThrottle"/>); a locked account is told so (423) only to
/// whoever gives its right password.
/// </summary>
public static class AuthEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
    public sealed record Profile(string Id, string UserName, string DisplayName, string Agency, LocalizedText? AgencyName,
        IReadOnlyList<string> Roles, bool MustChangePassword, bool ApiClient);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/sign-in", async (HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle,
            ServerDbContext db, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadAsync<SignInRequest>(http.Request, ct);
            RequestBody.Require(("userName", !string.IsNullOrWhiteSpace(body.UserName)), ("password", !string.IsNullOrEmpty(body.Password)));
            // No name holds control or non-characters, and none is longer than the directory allows: refuse before looking.
            if (TextRules.ProblemWith(body.UserName!, Bilingual.Say("用户名", "user name"), 256) is { } nameProblem)
                throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("用户名不符合要求。", "The user name is not valid."), [new("userName", nameProblem)]);
            if (body.Password!.Length > 1024)
                throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("密码过长。", "The password is too long."), [new("password", Bilingual.Say("密码至多 1024 个字符。", "At most 1024 characters."))]);
            var name = body.UserName!.Trim();
            var address = http.Connection.RemoteIpAddress;
            // Judged before the directory is read: the refusal is the same whether or not the name exists.
            if (throttle.RefusedFor(name, address) is { } wait) return Throttled(http, wait);

            var user = await users.FindByNameAsync(name);
            if (user is null)
            {
                // Spend the time a wrong password would, so the answer's timing does not tell that the name is unknown.
                users.PasswordHasher.HashPassword(new AppUser(), body.Password!);
                return Failed(http, throttle, name, address);
            }
            // A locked account is named as such only to whoever knows its password; anyone else gets the plain failure.
            if (await users.IsLockedOutAsync(user))
                return await users.CheckPasswordAsync(user, body.Password!) ? LockedOut(user) : Failed(http, throttle, name, address);
            // Failures are counted by the throttle, per name and address, not by Identity per account: otherwise any
            // stranger could lock any account for everyone again and again.
            var result = await signIn.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: false);
            if (!result.Succeeded) return Failed(http, throttle, name, address);
            throttle.Succeeded(name, address);

            var principal = ConsultFlowClaims.ForUser(user, await RolesAsync(db, user.Id, ct), IdentityConstants.ApplicationScheme);
            await http.SignInAsync(IdentityConstants.ApplicationScheme, principal);
            return Results.Ok(await ProfileAsync(CurrentUser.Of(principal), db, ct));
        }).AllowAnonymous();

        group.MapPost("/sign-out", async (HttpContext http, CurrentUser current, UserManager<AppUser> users) =>
        {
            // Deleting the cookie in this browser is not enough: a copied cookie would stay good until it expires. A new
            // security stamp makes every cookie issued before it fail CookieValidation (the person's other sessions too).
            if (!current.IsApiClient) await RenewStampAsync(users, current.Id);
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.NoContent();
        });

        group.MapGet("/me", (CurrentUser current, ServerDbContext db, CancellationToken ct) => ProfileAsync(current, db, ct));

        group.MapPost("/password", async (HttpContext http, CurrentUser current, UserManager<AppUser> users, SignInManager<AppUser> signIn,
            DirectoryAdministration directory, FirstAdministrator firstAdministrator, ServerDbContext db, CancellationToken ct) =>
        {
            if (current.IsApiClient)
                throw new EngineException(EngineErrorCode.Invalid, "API clients have no password; an administrator issues a new key instead.");
            var body = await RequestBody.ReadAsync<ChangePasswordRequest>(http.Request, ct);
            RequestBody.Require(("currentPassword", !string.IsNullOrEmpty(body.CurrentPassword)), ("newPassword", !string.IsNullOrEmpty(body.NewPassword)));
            var user = await users.FindByIdAsync(current.Id) ?? throw new EngineException(EngineErrorCode.NotFound, "The signed-in user no longer exists.");

            // Counted like a sign-in: a stolen session must not be a way to guess the password without lockout.
            var check = await signIn.CheckPasswordSignInAsync(user, body.CurrentPassword!, lockoutOnFailure: true);
            if (check.IsLockedOut) return LockedOut(user);
            if (!check.Succeeded)
                throw new EngineException(EngineErrorCode.Invalid, "The current password is wrong.", [new("currentPassword", users.ErrorDescriber.PasswordMismatch().Description)]);
            if (body.NewPassword == body.CurrentPassword)
                throw new EngineException(EngineErrorCode.Invalid, "The new password equals the current one.", [new("newPassword", "新密码不能与当前密码相同。(Choose a different password.)")]);
            var problems = await directory.CheckPasswordAsync(body.NewPassword!, "newPassword", user);
            if (problems.Count > 0) throw new EngineException(EngineErrorCode.Invalid, "The new password does not meet the policy.", problems);

            user.PasswordHash = users.PasswordHasher.HashPassword(user, body.NewPassword!);
            user.MustChangePassword = false;
            var saved = await users.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded) throw new EngineException(EngineErrorCode.Conflict, "The user was changed meanwhile; try again.");
            firstAdministrator.ForgetInitialPassword(user);

            // The new stamp ended every session, this one included: issue this one afresh.
            var principal = ConsultFlowClaims.ForUser(user, await RolesAsync(db, user.Id, ct), IdentityConstants.ApplicationScheme);
            await http.SignInAsync(IdentityConstants.ApplicationScheme, principal);
            return Results.Ok(await ProfileAsync(CurrentUser.Of(principal), db, ct));
        });
    }

    private static async Task<List<string>> RolesAsync(ServerDbContext db, Guid userId, CancellationToken ct) =>
        await db.UserRoles.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.Role).ToListAsync(ct);

    private static async Task<Profile> ProfileAsync(CurrentUser current, ServerDbContext db, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == current.Agency, ct);
        return new Profile(current.Id, current.UserName, current.DisplayName, current.Agency,
            agency is null ? null : new LocalizedText(agency.NameZh, agency.NameEn),
            DirectoryRoles.All.Where(current.HasRole).ToList(), current.MustChangePassword, current.IsApiClient);
    }

    private static async Task RenewStampAsync(UserManager<AppUser> users, string id)
    {
        // The row may be changed meanwhile (an administrator, another request): read it afresh and try again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await users.FindByIdAsync(id) is not { } user) return;
            if ((await users.UpdateSecurityStampAsync(user)).Succeeded) return;
        }
        throw new EngineException(EngineErrorCode.Conflict, "The user was changed meanwhile; sign out again.");
    }

    private static IResult Failed(HttpContext http, SignInThrottle throttle, string name, System.Net.IPAddress? address) =>
        throttle.Failed(name, address) is { } wait ? Throttled(http, wait) : SignInFailed();

    private static IResult Throttled(HttpContext http, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests,
            $"登录失败次数过多，请 {minutes} 分钟后再试。(Too many failed sign-ins from here; try again in {minutes} minutes.)", "SignInThrottled");
    }

    private static IResult SignInFailed() => Problem(StatusCodes.Status401Unauthorized,
        "用户名或密码不正确。(The user name or password is wrong.)", "SignInFailed");

    private static IResult LockedOut(AppUser user) => Problem(StatusCodes.Status423Locked,
        user.LockoutEnd >= DirectoryAdministration.IndefiniteLock
            ? "账户已被管理员锁定，请联系系统管理员。(The account is locked by an administrator.)"
            : "登录失败次数过多，账户已暂时锁定，请稍后再试。(Too many failed sign-ins; the account is locked for a while.)",
        "LockedOut");

    private static IResult Problem(int status, string title, string code) => Results.Problem(
        title: title, statusCode: status, type: $"https://consultflow/problems/{status}",
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
