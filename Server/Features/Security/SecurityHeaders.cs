using Microsoft.Extensions.Options;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Content-Security-Policy (with frame-ancestors 'none'), X-Content-Type-Options nosniff, X-Frame-Options DENY and
/// Referrer-Policy on every response: pages, static files, API answers, problems, 404s. Set when the response starts,
/// because the exception handler clears the headers of a failed response before it writes the problem.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        var policy = options.Value.PolicyFor(http.Request.Path);
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            // For browsers that predate frame-ancestors.
            headers.XFrameOptions = "DENY";
            // Case numbers and ids are in the app's addresses; no other site learns them from a link.
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
