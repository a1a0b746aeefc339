namespace ConsultFlow.Server.Features.Evidence;

/// <summary>The "ConsultFlow:Evidence" configuration section: how often chains are sealed and where seals are anchored.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "ConsultFlow:Evidence";

    /// <summary>
    /// The append-only file every seal's hash is also written to, one JSON line each: outside the database, so that rows
    /// cut from the end of a chain (or a chain re-hashed whole) no longer meet the last anchor. Relative paths are under
    /// the content root. Put it on storage the database's administrators cannot rewrite (another volume, a WORM share,
    /// a file shipped to the procuratorate); empty turns anchoring off, and then truncation is detected only as far as
    /// the case rows' own heads reach.
    /// </summary>
    public string AnchorFile { get; set; } = Path.Combine("app-data", "evidence-anchors.jsonl");

    /// <summary>Cron expression (UTC) of the sealing job; every minute by default.</summary>
    public string SealCron { get; set; } = "* * * * *";

    /// <summary>Cases one seal covers at most; more changed cases get further seals in the same run.</summary>
    public int MaxCasesPerSeal { get; set; } = 1000;

    /// <summary>Cases one verification request walks at most; <c>verify-audit</c> follows the continuation to the end.</summary>
    public int MaxCasesPerVerification { get; set; } = 2000;

    public static EvidenceOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<EvidenceOptions>() ?? new EvidenceOptions();
}
