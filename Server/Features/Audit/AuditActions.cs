using Microsoft.AspNetCore.Routing.Patterns;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Stable action names and targets from route patterns, so that renaming a handler or moving code never changes what
/// the record calls an action. The name is the route's literal segments after "api", joined by dots
/// ("/api/tasks/{id}/complete" → "tasks.complete"); when the route ends in a parameter or has a single literal, the
/// method's verb is added ("POST /api/instances" → "instances.create", "DELETE /api/agencies/{id}" → "agencies.delete").
/// </summary>
public static class AuditActions
{
    public static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public static bool IsCandidate(HttpRequest request) => IsMutating(request.Method) && request.Path.StartsWithSegments("/api");

    public static string Name(string method, RoutePattern pattern)
    {
        var literals = new List<string>();
        var endsWithParameter = false;
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal)
            {
                literals.Add(literal.Content.ToLowerInvariant());
                endsWithParameter = false;
            }
            else
            {
                endsWithParameter = true;
            }
        }
        if (literals.Count > 0 && literals[0] == "api") literals.RemoveAt(0);
        if (literals.Count == 0) return Verb(method);
        var name = string.Join('.', literals);
        return endsWithParameter || literals.Count == 1 ? $"{name}.{Verb(method)}" : name;
    }

    /// <summary>The values of the route's parameters in route order, joined by '/' ("api-review/1"), or null.</summary>
    public static string? Target(RoutePattern pattern, RouteValueDictionary values)
    {
        var parts = pattern.Parameters
            .Select(p => values.TryGetValue(p.Name, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null)
            .Where(v => !string.IsNullOrEmpty(v))
            .ToList();
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>Whether <paramref name="action"/> is listed in <see cref="AuditOptions.ExcludedActions"/>.</summary>
    public static bool IsExcluded(string action, AuditOptions options)
    {
        var lastPart = action[(action.LastIndexOf('.') + 1)..];
        return options.ExcludedActions.Any(x => x.Contains('.')
            ? string.Equals(x, action, StringComparison.OrdinalIgnoreCase)
            : string.Equals(x, lastPart, StringComparison.OrdinalIgnoreCase));
    }

    private static string Verb(string method) =>
        HttpMethods.IsPost(method) ? "create"
        : HttpMethods.IsDelete(method) ? "delete"
        : HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) ? "update"
        : method.ToLowerInvariant();
}
