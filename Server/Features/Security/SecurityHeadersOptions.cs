namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// The Content-Security-Policy of each part of the site, by path prefix (the longest match wins). Features with other
/// needs add their own prefix, e.g. an operator dashboard that needs inline styles:
/// <c>services.Configure&lt;SecurityHeadersOptions&gt;(o =&gt; o.PathPolicies["/admin/jobs"] = "...")</c>.
/// </summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// The web app: its own scripts and styles only (Vite emits no inline script; React sets styles through the DOM,
    /// which style-src does not restrict), nothing framed, no plug-ins, no forms to elsewhere.
    /// </summary>
    public const string WebAppPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>JSON and downloads: nothing in them may run or load anything, even if a browser is tricked into rendering one.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public string DefaultPolicy { get; set; } = WebAppPolicy;

    public Dictionary<string, string> PathPolicies { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/api"] = ApiPolicy,
        ["/health"] = ApiPolicy,
        ["/openapi"] = ApiPolicy,
    };

    public string PolicyFor(PathString path)
    {
        var best = (Length: -1, Policy: DefaultPolicy);
        foreach (var (prefix, policy) in PathPolicies)
            if (prefix.Length > best.Length && path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
                best = (prefix.Length, policy);
        return best.Policy;
    }
}
