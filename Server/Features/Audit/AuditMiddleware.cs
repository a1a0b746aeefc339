using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Records every successful command: POST, PUT, PATCH or DELETE under /api that ends 2xx, except the excluded actions
/// (<see cref="AuditOptions.ExcludedActions"/>, <see cref="AuditMetadata"/>) and the commands on cases that the case's
/// chained journal records in the step's own transaction (<see cref="AuditEndpointConventions.RecordedInCaseJournal{TBuilder}"/>). Refused requests (4xx, exceptions) are
/// not recorded: the engine refuses before it saves, so they changed nothing.
/// <para>
/// Failure policy: the response is buffered and held back until its row is in the chain. If the append fails (after
/// <see cref="AuditChain"/>'s retries) the client gets 500 instead of the success, the full entry is logged at Critical
/// level, and readiness turns unhealthy. So a client that sees 2xx knows the command is recorded, and a command whose
/// record is missing is known to the client, to the log and to monitoring, never lost silently. The client may repeat
/// the command with the same Idempotency-Key: the engine replays the stored result, which is then recorded. (What this
/// cannot cover is the node dying between the engine's commit and the append; only writing the row in the engine's own
/// transaction would.)
/// </para>
/// Place after UseAuthentication/UseAuthorization, so the endpoint and route values are known before the command runs
/// (needed for the "before" hooks). Placed earlier it still records everything but "before".
/// </summary>
public sealed class AuditMiddleware(
    RequestDelegate next,
    AuditChain chain,
    AuditOptions options,
    AuditHealth health,
    TimeProvider time,
    ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!AuditActions.IsCandidate(http.Request))
        {
            await next(http);
            return;
        }

        var before = await CaptureBeforeAsync(http);

        var responseBody = http.Features.Get<IHttpResponseBodyFeature>()
            ?? throw new InvalidOperationException("The server offers no response body feature.");
        using var buffer = new MemoryStream();
        var buffering = new StreamResponseBodyFeature(buffer, responseBody);
        http.Features.Set<IHttpResponseBodyFeature>(buffering);
        try
        {
            await next(http);
            // Whatever the endpoint wrote through the pipe writer reaches the buffer only when it is completed.
            await buffering.CompleteAsync();
        }
        finally
        {
            http.Features.Set(responseBody);
        }

        var body = buffer.ToArray();
        if (http.Response.StatusCode is >= 200 and < 300 && Describe(http) is { } action)
        {
            AuditEntry? entry = null;
            try
            {
                entry = Entry(http, action.Name, action.Target, before, body);
                // Not the request's token: a client that hung up after the command ran must not unrecord it.
                await chain.AppendAsync(entry, CancellationToken.None);
                health.Succeeded();
            }
            catch (Exception ex)
            {
                health.Failed(ex, time.GetUtcNow());
                logger.LogCritical(ex,
                    "AUDIT RECORD LOST: a command succeeded but could not be appended to the audit chain; the client gets 500. Entry: {Entry}",
                    entry is null ? $"{action.Name} {action.Target} by {http.User.Identity?.Name}" : JsonSerializer.Serialize(entry));
                http.Response.Clear();
                await Results.Problem(
                    title: "The command was carried out, but its audit record could not be written.",
                    detail: "The administrators have been alerted. Check the state before repeating the command; " +
                            "commands sent with an Idempotency-Key may be repeated with the same key.",
                    statusCode: StatusCodes.Status500InternalServerError,
                    type: "https://consultflow/problems/audit",
                    extensions: new Dictionary<string, object?> { ["code"] = "AuditFailed" }).ExecuteAsync(http);
                return;
            }
        }
        if (body.Length > 0)
        {
            await http.Response.Body.WriteAsync(body);
        }
    }

    private async Task<string?> CaptureBeforeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is null || Describe(http) is not { } action) return null;
        foreach (var hook in http.RequestServices.GetServices<IAuditBefore>())
        {
            try
            {
                if (await hook.CaptureAsync(action.Name, action.Target, http, http.RequestAborted) is { } json) return json;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The command itself may still be fine; its row will say before = null.
                logger.LogWarning(ex, "Reading the state before {Action} {Target} for the audit record failed.", action.Name, action.Target);
            }
        }
        return null;
    }

    /// <summary>The action and target of the matched endpoint, or null when it is not audited.</summary>
    private (string Name, string? Target)? Describe(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        var metadata = endpoint?.Metadata.GetMetadata<AuditMetadata>();
        if (metadata?.Skip == true || metadata?.InCaseJournal == true && !options.RecordCaseCommands) return null;
        string name;
        string? target = null;
        if (endpoint is RouteEndpoint route)
        {
            name = metadata?.Action ?? AuditActions.Name(http.Request.Method, route.RoutePattern);
            target = AuditActions.Target(route.RoutePattern, http.Request.RouteValues);
        }
        else
        {
            // Answered by something other than an endpoint: still a successful command, recorded by its address.
            name = metadata?.Action ?? $"{http.Request.Method} {http.Request.Path}";
        }
        return AuditActions.IsExcluded(name, options) ? null : (name, target);
    }

    private AuditEntry Entry(HttpContext http, string action, string? target, string? before, byte[] body)
    {
        var user = http.User;
        var after = After(http.Response.ContentType, body);
        return new AuditEntry(action)
        {
            UserId = user.FindFirst(ClaimTypes.NameIdentifier)?.Value,
            UserName = user.Identity?.Name,
            Agency = options.AgencyClaimTypes.Select(type => user.FindFirst(type)?.Value).FirstOrDefault(v => v is not null),
            Roles = user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).ToList(),
            Target = target ?? TargetFromBody(after),
            BeforeJson = Redact(before),
            AfterJson = after,
        };
    }

    /// <summary>The response as JSON when it is JSON and small; otherwise its type, length and SHA-256.</summary>
    private string? After(string? contentType, byte[] body)
    {
        if (body.Length == 0) return null;
        if (body.Length <= options.MaxBodyBytes && contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return AuditJson.Redact(Encoding.UTF8.GetString(body), options);
            }
            catch (JsonException)
            {
                // recorded by its digest below
            }
        }
        return JsonSerializer.Serialize(new { contentType, length = body.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(body)) });
    }

    private string? Redact(string? json)
    {
        try
        {
            return AuditJson.Redact(json, options);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "A before-hook returned text that is not JSON; the row records before = null.");
            return null;
        }
    }

    /// <summary>For creations (no id in the route): the new thing's id from the response.</summary>
    private static string? TargetFromBody(string? after)
    {
        if (after is null) return null;
        using var document = JsonDocument.Parse(after);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in new[] { "id", "instanceId", "taskId", "definitionId" })
        {
            if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                return value.ToString();
        }
        return null;
    }
}
