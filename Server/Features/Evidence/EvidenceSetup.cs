using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsultFlow.Server.Features.Evidence;

public static class EvidenceSetup
{
    /// <summary>The sealer, the anchor file, the verifier and the evidence packages (after AddAudit and AddAttachments).</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, EvidenceOptions options)
    {
        if (options.MaxCasesPerSeal < 1 || options.MaxCasesPerVerification < 1)
            throw new InvalidOperationException($"{EvidenceOptions.Section}: MaxCasesPerSeal and MaxCasesPerVerification must be at least 1.");
        services.AddSingleton(options);
        services.TryAddSingleton<AnchorFile>();
        services.TryAddSingleton<EvidenceSealer>();
        services.TryAddSingleton<EvidenceVerifier>();
        services.TryAddSingleton<EvidencePackages>();
        return services;
    }
}
