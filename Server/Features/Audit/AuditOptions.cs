using ConsultFlow.Engine.Evidence;
namespace ConsultFlow.Server.Features.Audit;

/// <summary>The "ConsultFlow:Audit" configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "ConsultFlow:Audit";

    /// <summary>"SHA-256" (default) or "SM3" for new rows; rows already written keep the algorithm they name.</summary>
    public string Algorithm { get; set; } = HashAlgorithms.Sha256;

    /// <summary>
    /// Also record commands on cases (start, complete, claim, ...) in the command record, as before each case had its
    /// own chained journal. Off by default: the journal already holds them in the step's own transaction, and the
    /// command record is one chain for the whole server, so every such command would wait for every other.
    /// </summary>
    public bool RecordCaseCommands { get; set; }

    /// <summary>Response bodies up to this size are recorded as the "after" JSON; larger ones by length and SHA-256.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The claims that may name the user's agency, the first present wins: the directory's own, then a plain one.</summary>
    public string[] AgencyClaimTypes { get; set; } = ["consultflow:agency", "agency"];

    /// <summary>
    /// Mutating requests that are not commands. An entry with a dot is a whole action name; one without matches the
    /// action's last part, so "sign-in" covers "auth.sign-in" and "account.sign-in". Endpoints can also opt out with
    /// <see cref="AuditEndpointConventions.WithoutAudit{TBuilder}"/>.
    /// </summary>
    public string[] ExcludedActions { get; set; } =
        ["definitions.validate", "sign-in", "sign-out", "signin", "signout", "login", "logout"];

    /// <summary>Properties whose values are never recorded, at any depth of the before/after JSON (compared ignoring case).</summary>
    public string[] RedactedProperties { get; set; } =
    [
        "password", "currentPassword", "newPassword", "initialPassword", "passwordHash",
        "apiKey", "keyHash", "token", "accessToken", "refreshToken", "secret", "securityStamp",
    ];

    /// <summary>
    /// Properties redacted only at the top level of a response, where a generic name means a secret (the issued key
    /// of POST /api/api-clients) while deeper down it does not (a form field's "key").
    /// </summary>
    public string[] RedactedTopLevelProperties { get; set; } = ["key"];

    public static AuditOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuditOptions>() ?? new AuditOptions();
}
