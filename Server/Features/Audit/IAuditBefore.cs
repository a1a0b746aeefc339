namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Reads the target of a command as it is before the command runs, for the row's "before" JSON. Register any number
/// as singletons; the first that returns non-null wins. Commands no hook covers are recorded with before = null. The
/// hook runs just before the command, outside its transaction, so it shows the state the caller acted on as read a
/// moment earlier, not a locked snapshot.
/// </summary>
public interface IAuditBefore
{
    /// <summary>The JSON of <paramref name="target"/>, or null when this hook does not cover <paramref name="action"/>.</summary>
    Task<string?> CaptureAsync(string action, string? target, HttpContext http, CancellationToken ct);
}
