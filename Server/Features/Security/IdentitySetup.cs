using System.Security.Claims;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// The directory's storage and the two ways in: a cookie for people (Identity's password hashing and lockout) and API
/// keys for agencies' systems. A request with a key header is judged by the key alone, never by a cookie.
/// </summary>
public static class IdentitySetup
{
    public const string DefaultScheme = "ConsultFlow";

    public static IServiceCollection AddConsultFlowIdentity(this IServiceCollection services, PersistenceOptions persistence, ConsultFlowOptions.AuthSettings auth)
    {
        var problems = auth.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException("ConsultFlow:Auth", typeof(ConsultFlowOptions.AuthSettings), problems);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(auth);
        services.AddSingleton<SignInThrottle>();
        services.AddDbContext<ServerDbContext>(builder => ServerDbContext.Configure(builder, persistence));
        services.AddSingleton<ServerDatabaseMigrator>();
        services.AddScoped<DirectoryAdministration>();
        services.AddScoped<AgencyFieldCheck>();
        services.AddScoped<Instances.StartAuthorization>();
        services.AddScoped<DemoDataLoader>();
        services.AddSingleton<FirstAdministrator>();

        services.AddIdentityCore<AppUser>(identity =>
            {
                // Length over composition rules (NIST SP 800-63B); a few distinct characters rule out "aaaaaaaaaa".
                identity.Password.RequiredLength = auth.PasswordMinLength;
                identity.Password.RequiredUniqueChars = 4;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = auth.LockoutAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
                identity.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<ServerDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, null, policy => policy.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.Presents(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                cookie.Cookie.Name = "ConsultFlow.Session";
                cookie.Cookie.HttpOnly = true;
                // Strict: no other site can make a browser send it, which is the CSRF defence of the cookie-based UI.
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(auth.SessionHours);
                cookie.SlidingExpiration = true;
                // An API answers 401/403 (as problem details, by the status code pages), it does not redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = CookieValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, policy => policy.RequireAuthenticatedUser().RequireRole(DirectoryRoles.Administrator));

        services.AddHttpContextAccessor();
        services.AddScoped(provider => CurrentUser.Of(provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal()));
        return services;
    }

    /// <summary>Runs the server's migrations; call right after the engine's.</summary>
    public static Task MigrateServerDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<ServerDatabaseMigrator>().MigrateAsync(ct);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
