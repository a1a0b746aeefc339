using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// A statutory period such as "3 working days" or "24 hours".
/// </summary>
/// <remarks>
/// Two interchangeable shapes:
/// <list type="bullet">
/// <item>JSON: <c>{"amount": 3, "unit": "WorkingDays"}</c> (the unit by name, case-insensitive on input).</item>
/// <item>Compact text, for settings files and logs: an amount followed by a unit suffix, no sign, no spaces inside:
///   <c>24h</c> hours, <c>3d</c> calendar days, <c>5wd</c> working days, <c>2mo</c> months
///   (suffix case-insensitive, surrounding blanks ignored). <see cref="ToString"/> writes this form.</item>
/// </list>
/// The amount is at least 1: a period of zero has no statutory meaning and would hide configuration mistakes.
/// </remarks>
public sealed record Period
{
    [JsonConstructor]
    public Period(int amount, PeriodUnit unit)
    {
        if (amount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A period lasts at least 1 unit.");
        }

        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown period unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    [JsonPropertyName("amount")]
    public int Amount { get; }

    [JsonPropertyName("unit")]
    public PeriodUnit Unit { get; }

    public static Period Hours(int amount) => new(amount, PeriodUnit.Hours);

    public static Period CalendarDays(int amount) => new(amount, PeriodUnit.CalendarDays);

    public static Period WorkingDays(int amount) => new(amount, PeriodUnit.WorkingDays);

    public static Period Months(int amount) => new(amount, PeriodUnit.Months);

    /// <summary>Parses the compact form ("3wd"); throws <see cref="FormatException"/> when it is not one.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a period: expected e.g. 24h, 3d, 5wd or 2mo.");

    /// <summary>Parses the compact form ("3wd"); false for anything else, including an amount below 1.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Period? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0
            || !int.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount < 1)
        {
            return false;
        }

        PeriodUnit? unit = trimmed[digits..].ToLowerInvariant() switch
        {
            "h" => PeriodUnit.Hours,
            "d" => PeriodUnit.CalendarDays,
            "wd" => PeriodUnit.WorkingDays,
            "mo" => PeriodUnit.Months,
            _ => null,
        };

        if (unit is null)
        {
            return false;
        }

        period = new Period(amount, unit.Value);
        return true;
    }

    /// <summary>The compact form, e.g. "3wd"; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        PeriodUnit.Hours => "h",
        PeriodUnit.CalendarDays => "d",
        PeriodUnit.WorkingDays => "wd",
        PeriodUnit.Months => "mo",
        _ => throw new InvalidOperationException($"Unknown unit {Unit}."),
    };
}
