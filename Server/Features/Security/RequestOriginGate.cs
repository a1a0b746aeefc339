using Microsoft.AspNetCore.Mvc;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Cross-site request forgery defence beyond SameSite: a state-changing request (POST, PUT, PATCH, DELETE) that is not
/// authenticated by an API key must show that it comes from this site's own pages, by an Origin header equal to the
/// server's own origin or by the header <c>X-ConsultFlow-Request: 1</c>, which the web app sends and which another
/// site's page cannot send without a CORS preflight the server never grants. Sign-in is judged the same way, so no
/// other site can sign a browser in under the attacker's name (login CSRF). API-key requests carry their credential
/// explicitly; a browser never adds it by itself, so they need no proof.
/// </summary>
public sealed class RequestOriginGate(RequestDelegate next)
{
    public const string HeaderName = "X-ConsultFlow-Request";

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (!IsStateChanging(http.Request) || ApiKeyAuthenticationHandler.Presents(http.Request) || ComesFromOwnPages(http.Request))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "请求未通过来源校验：修改数据的请求须来自本系统网页（请求头 X-ConsultFlow-Request: 1 或同源 Origin）。" +
                    "(Cross-site request refused: a state-changing request must carry X-ConsultFlow-Request: 1 or this site's Origin.)",
            Type = "https://consultflow/problems/cross-site-request",
        };
        problem.Extensions["code"] = "CrossSiteRequest";
        await problems.WriteAsync(new() { HttpContext = http, ProblemDetails = problem });
    }

    private static bool IsStateChanging(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    private static bool ComesFromOwnPages(HttpRequest request)
    {
        if (request.Headers[HeaderName] == "1") return true;
        var origin = request.Headers.Origin.ToString();
        // Scheme is the client's (X-Forwarded-Proto from a known proxy); Host is what the browser addressed.
        return origin.Length > 0 && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
