using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Text;

namespace ConsultFlow.Server.Features.Errors;

/// <summary>Query-string values parsed the way the JSON is written (camelCase enums), with problems naming the parameter.</summary>
public static class QueryValues
{
    /// <summary>Dates a search may name: wide enough for every case this system holds, narrow enough to compute with.</summary>
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);
    public static readonly DateOnly LatestDay = new(2100, 12, 31);

    /// <summary>Why <paramref name="moment"/> is outside <see cref="EarliestDay"/>..<see cref="LatestDay"/>, or null.</summary>
    public static string? OutOfRange(DateTimeOffset moment) =>
        moment.UtcDateTime.Year is >= 2000 and <= 2100 ? null : Bilingual.Say(
            $"日期须在 {EarliestDay:yyyy-MM-dd} 至 {LatestDay:yyyy-MM-dd} 之间。", $"The date must lie between {EarliestDay:yyyy-MM-dd} and {LatestDay:yyyy-MM-dd}.");

    public static string? OutOfRange(DateOnly day) =>
        day >= EarliestDay && day <= LatestDay ? null : OutOfRange(DateTimeOffset.MinValue);

    public static TEnum? Enum<TEnum>(string? value, string parameter) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
            return parsed;
        var allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        throw new EngineException(EngineErrorCode.Invalid, $"'{value}' is not a valid {parameter}.", [new(parameter, $"Use one of: {allowed}.")]);
    }
}
