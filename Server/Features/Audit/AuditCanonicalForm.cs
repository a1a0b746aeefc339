using System.Globalization;
using System.Text;

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

    public static byte[] Serialize(AuditRecord record)
    {
        var text = new StringBuilder(256 + (record.BeforeJson?.Length ?? 0) + (record.AfterJson?.Length ?? 0));
        text.Append(Version).Append('\n');
        Field(text, "previous_hash", record.PreviousHash);
        text.Append("sequence:").Append(record.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("at:").Append(FormatTime(record.At)).Append('\n');
        Field(text, "algorithm", record.Algorithm);
        Field(text, "user_id", record.UserId);
        Field(text, "user_name", record.UserName);
        Field(text, "agency", record.Agency);
        Field(text, "roles", record.Roles);
        Field(text, "action", record.Action);
        Field(text, "target", record.Target);
        Field(text, "before", record.BeforeJson);
        Field(text, "after", record.AfterJson);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The row's hash under its own <see cref="AuditRecord.Algorithm"/>.</summary>
    public static string Hash(AuditRecord record) => AuditAlgorithms.HexDigest(record.Algorithm, Serialize(record));

    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Cuts to whole microseconds in UTC, what both databases keep, so that the value read back hashes the same.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append(':');
        if (value is null)
        {
            text.Append('-');
        }
        else
        {
            text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }
        text.Append('\n');
    }
}
