using ConsultFlow.Engine.Evidence;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// The bytes a row's hash is computed over, version 1. Written so that an outside verifier can reproduce it from the
/// stored row without any JSON library:
/// <code>
/// consultflow-audit/1\n
/// previous_hash:64:&lt;hex&gt;\n
/// sequence:&lt;decimal&gt;\n
/// at:&lt;yyyy-MM-ddTHH:mm:ss.ffffffZ&gt;\n        (UTC, always six fractional digits)
/// algorithm:&lt;n&gt;:&lt;text&gt;\n
/// user_id, user_name, agency, roles, action, target, before, after   (in this order, same form)
/// </code>
/// A text field is written as <c>name:&lt;n&gt;:&lt;value&gt;\n</c> where n is the value's length in UTF-8 bytes, and a
/// null as <c>name:-\n</c>; the length prefix means no value can forge a field boundary and no escaping is needed.
/// Numbers and times use the invariant culture. Text is hashed exactly as stored: before/after JSON is normalised once,
/// when the row is appended (<see cref="AuditJson.Normalize"/>: keys sorted, no whitespace), so any later edit of the
/// stored text, even of whitespace, breaks the hash. The hash is H(previous_hash || the other fields), H being the
/// row's own algorithm, written as lower-case hex.
/// </summary>
public static class AuditCanonicalForm
{
    public const string Version = "consultflow-audit/1";

    public static byte[] Serialize(AuditRecord record) =>
        new CanonicalText(Version, 256 + (record.BeforeJson?.Length ?? 0) + (record.AfterJson?.Length ?? 0))
            .Field("previous_hash", record.PreviousHash)
            .Number("sequence", record.Sequence)
            .Time("at", record.At)
            .Field("algorithm", record.Algorithm)
            .Field("user_id", record.UserId)
            .Field("user_name", record.UserName)
            .Field("agency", record.Agency)
            .Field("roles", record.Roles)
            .Field("action", record.Action)
            .Field("target", record.Target)
            .Field("before", record.BeforeJson)
            .Field("after", record.AfterJson)
            .ToBytes();

    /// <summary>The row's hash under its own <see cref="AuditRecord.Algorithm"/>.</summary>
    public static string Hash(AuditRecord record) => HashAlgorithms.HexDigest(record.Algorithm, Serialize(record));

    public static string FormatTime(DateTimeOffset at) => CanonicalText.FormatTime(at);

    /// <summary>Cuts to whole microseconds in UTC, what both databases keep, so that the value read back hashes the same.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => CanonicalText.Truncate(at);
}
