using System.Security.Claims;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Server.Features.Security;

/// <summary>Who the journal records for a request.</summary>
public static class Actors
{
    public static Actor Of(ClaimsPrincipal user) => new(user.Identity?.Name ?? "anonymous");
}
