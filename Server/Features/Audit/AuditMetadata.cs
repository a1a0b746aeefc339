namespace ConsultFlow.Server.Features.Audit;

/// <summary>Endpoint metadata: an explicit action name, or that the endpoint is not a command and is not recorded.</summary>
public sealed class AuditMetadata(string? action, bool skip)
{
    public string? Action { get; } = action;
    public bool Skip { get; } = skip;
}
