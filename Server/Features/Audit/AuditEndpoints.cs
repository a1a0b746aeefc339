namespace ConsultFlow.Server.Features.Audit;

/// <summary>Read and verify the tamper-evident record.</summary>
public static class AuditEndpoints
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditAuthorization.ReadersPolicy);

        // Rows exactly as stored (JSON fields as text), so a client can recompute every hash itself.
        group.MapGet("/", async (long? after, int? take, AuditChain chain, CancellationToken ct) =>
            await chain.ListAsync(Math.Max(0, after ?? 0), Math.Clamp(take ?? DefaultTake, 1, MaxTake), ct));

        // GET /api/audit/verify (the command record with the seals and every case) is EvidenceEndpoints'.
        return app;
    }
}
