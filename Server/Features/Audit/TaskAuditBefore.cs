using System.Text.Json;
using ConsultFlow.Engine.Persistence;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>For task commands (complete, claim, reassign, ...): the task as it was, in the API's JSON.</summary>
public sealed class TaskAuditBefore(IServiceProvider services, IOptions<JsonOptions> json) : IAuditBefore
{
    public async Task<string?> CaptureAsync(string action, string? target, HttpContext http, CancellationToken ct)
    {
        if (!action.StartsWith("tasks.", StringComparison.Ordinal) || !Guid.TryParse(target, out var taskId)) return null;
        // Resolved here, not injected: the audit may run in a host without the engine's stores.
        if (services.GetService<IInstanceStore>() is not { } store) return null;
        var task = await store.GetTaskAsync(taskId, ct);
        return task is null ? null : JsonSerializer.Serialize(task, json.Value.SerializerOptions);
    }
}
