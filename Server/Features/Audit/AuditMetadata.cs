namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Endpoint metadata: an explicit action name, that the endpoint is not a command and is not recorded, or that the
/// case's own journal records the command (<see cref="InCaseJournal"/>) in the engine step's transaction, with its
/// outcome and data, so the command record need not hold it a second time.
/// </summary>
public sealed class AuditMetadata(string? action, bool skip, bool inCaseJournal = false)
{
    public string? Action { get; } = action;
    public bool Skip { get; } = skip;
    public bool InCaseJournal { get; } = inCaseJournal;
}
