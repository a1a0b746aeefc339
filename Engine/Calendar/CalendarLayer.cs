using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// One versioned calendar data file: the holidays and adjusted working days of one region for one year.
/// </summary>
/// <remarks>
/// National data ("CN") come from the State Council's yearly notice (国务院办公厅关于X年部分节假日安排的通知);
/// a region ("CN-NX") adds only its own days on top (e.g. Ningxia's 开斋节 and 古尔邦节).
/// <see cref="Version"/> ("cn-2026@2025-11-04": region, year, publication date) is copied into every deadline
/// computed with this layer, so a later correction of the data can be traced to the deadlines it affected.
/// <see cref="Provisional"/> marks data not yet checked against the published notice; deadlines that use it
/// are flagged estimated.
/// </remarks>
public sealed record CalendarLayer(
    [property: JsonPropertyName("schema")] int Schema,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("provisional")] bool Provisional,
    [property: JsonPropertyName("holidays")] IReadOnlyList<HolidayRange> Holidays,
    [property: JsonPropertyName("workingDays")] IReadOnlyList<AdjustedWorkingDay> WorkingDays)
{
    /// <summary>The only file layout this code understands; bump it when the layout changes.</summary>
    public const int CurrentSchema = 1;

    /// <summary>Free-text remark kept with the data (not used in computations).</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and validates one data file. <paramref name="origin"/> names it in error messages.</summary>
    public static CalendarLayer FromJson(string json, string origin)
    {
        CalendarLayer? layer;
        try
        {
            layer = JsonSerializer.Deserialize<CalendarLayer>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new CalendarDataException($"{origin}: not a calendar data file: {ex.Message}", ex);
        }

        if (layer is null)
        {
            throw new CalendarDataException($"{origin}: empty calendar data file.");
        }

        layer.Validate(origin);
        return layer;
    }

    /// <summary>
    /// Checks the rules every file must follow; throws <see cref="CalendarDataException"/> naming the first problem.
    /// </summary>
    public void Validate(string origin)
    {
        void Fail(string problem) => throw new CalendarDataException($"{origin}: {problem}");

        if (Schema != CurrentSchema)
        {
            Fail($"schema {Schema} is not supported (expected {CurrentSchema}).");
        }

        if (string.IsNullOrWhiteSpace(Region) || Region != Region.Trim().ToUpperInvariant())
        {
            Fail($"region '{Region}' must be an upper-case code such as CN or CN-NX.");
        }

        if (Year is < 2000 or > 2100)
        {
            Fail($"year {Year} is out of range.");
        }

        if (string.IsNullOrWhiteSpace(Version) || string.IsNullOrWhiteSpace(Source))
        {
            Fail("version and source are mandatory: every deadline must be traceable to its data.");
        }

        // Null lists can only come from a file that omitted the field.
        if (Holidays is null || WorkingDays is null)
        {
            Fail("holidays and workingDays must both be present (use [] for none).");
        }

        // A block may start in the previous year (元旦 2023 began on 2022-12-31), never further away.
        bool NearYear(DateOnly day) => Math.Abs(day.Year - Year) <= 1;

        var holidayDays = new HashSet<DateOnly>();
        foreach (var range in Holidays!)
        {
            if (string.IsNullOrWhiteSpace(range.Name))
            {
                Fail($"holiday {range.From:yyyy-MM-dd} has no name.");
            }

            if (range.To < range.From || !NearYear(range.From) || !NearYear(range.To))
            {
                Fail($"holiday {range.Name} {range.From:yyyy-MM-dd}..{range.To:yyyy-MM-dd} is not a range in {Year}.");
            }

            holidayDays.UnionWith(range.Days());
        }

        foreach (var working in WorkingDays!)
        {
            if (!NearYear(working.Date))
            {
                Fail($"working day {working.Date:yyyy-MM-dd} is not in {Year}.");
            }

            // Make-up days exist only to cancel a weekend; a weekday listed here is a typo.
            if (working.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                Fail($"adjusted working day {working.Date:yyyy-MM-dd} is a {working.Date.DayOfWeek}, not a weekend day.");
            }

            if (holidayDays.Contains(working.Date))
            {
                Fail($"{working.Date:yyyy-MM-dd} is listed both as a holiday and as a working day.");
            }
        }
    }
}
