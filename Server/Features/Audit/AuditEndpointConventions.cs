namespace ConsultFlow.Server.Features.Audit;

public static class AuditEndpointConventions
{
    /// <summary>Records the endpoint's commands under <paramref name="action"/> instead of the name derived from its route.</summary>
    public static TBuilder WithAuditAction<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditMetadata(action, skip: false));

    /// <summary>
    /// For commands on a case that the case's journal records, chained in the same transaction as the step (who, for
    /// which agency, what outcome, what data). Recorded again in the command record only when
    /// <see cref="AuditOptions.RecordCaseCommands"/> asks for it.
    /// </summary>
    public static TBuilder RecordedInCaseJournal<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditMetadata(null, skip: false, inCaseJournal: true));

    /// <summary>For mutating endpoints that change nothing worth recording (validation, sign-in).</summary>
    public static TBuilder WithoutAudit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditMetadata(null, skip: true));
}
