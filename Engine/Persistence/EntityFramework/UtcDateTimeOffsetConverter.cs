using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// Stores every <see cref="DateTimeOffset"/> as a UTC <see cref="DateTime"/>. SQLite keeps that as ISO-8601 text, which
/// sorts and compares correctly in SQL (a DateTimeOffset there could not be compared by the database at all);
/// PostgreSQL keeps it as <c>timestamp with time zone</c>. Values are cut to whole microseconds, PostgreSQL's precision,
/// so that both providers give back exactly the same instant. The offset itself is not kept: values come back in UTC.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
    value => ToUtcMicroseconds(value),
    stored => new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc)))
{
    private static DateTime ToUtcMicroseconds(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
    }
}
