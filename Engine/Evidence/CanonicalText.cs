using System.Globalization;
using System.Text;

namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// The line format every chained row is hashed in, written so that an outside verifier can reproduce it without a JSON
/// library: a text field is <c>name:&lt;n&gt;:&lt;value&gt;\n</c> where n is the value's length in UTF-8 bytes, a null is
/// <c>name:-\n</c>, numbers and times use the invariant culture. The length prefix means no value can forge a field
/// boundary, so nothing needs escaping.
/// </summary>
public sealed class CanonicalText(string version, int capacity = 256)
{
    private readonly StringBuilder text = new StringBuilder(capacity).Append(version).Append('\n');

    public CanonicalText Field(string name, string? value)
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
        return this;
    }

    public CanonicalText Number(string name, long value)
    {
        text.Append(name).Append(':').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    public CanonicalText Time(string name, DateTimeOffset at)
    {
        text.Append(name).Append(':').Append(FormatTime(at)).Append('\n');
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(text.ToString());

    /// <summary>UTC, always six fractional digits.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Cuts to whole microseconds in UTC, what both databases keep, so that the value read back hashes the same.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }
}
