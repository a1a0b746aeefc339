using System.Text.Encodings.Web;
using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Agencies' systems present the key of their row in api_clients as "Authorization: Bearer KEY" or "X-Api-Key: KEY".
/// The principal carries the client's agency and roles, so the same authorization applies as to that agency's people.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ServerDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Whether the request carries a key at all; the default scheme then sends it here rather than to the cookie.</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.ContainsKey("X-Api-Key")
        || request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers["X-Api-Key"].FirstOrDefault();
        var authorization = Request.Headers.Authorization.FirstOrDefault();
        if (presented is null && authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
            presented = authorization["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(presented)) return AuthenticateResult.NoResult();

        // Looked up by hash: the hash of a 256-bit random key is as unguessable as the key, and the index does the rest.
        var hash = ApiKeys.Hash(presented);
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.KeyHash == hash, Context.RequestAborted);
        if (client is null || client.RevokedAt is not null) return AuthenticateResult.Fail("The API key is not valid.");
        return AuthenticateResult.Success(new AuthenticationTicket(ConsultFlowClaims.ForApiClient(client, SchemeName), SchemeName));
    }
}
