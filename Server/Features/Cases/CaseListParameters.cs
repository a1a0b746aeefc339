using System.Globalization;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.Errors;

namespace ConsultFlow.Server.Features.Cases;

/// <summary>
/// The query string of <c>GET /api/cases</c>, checked. Every bad value is named in one 422 problem, so a wrong filter
/// never silently widens or empties the list.
/// </summary>
public sealed record CaseListParameters(
    string? Process,
    WorkflowStatus? Status,
    string? Agency,
    bool Overdue,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    string? Text,
    int Skip,
    int Take)
{
    public const int DefaultTake = 50;
    public const int MaxTake = 500;
    public const int MaxTextLength = 100;

    /// <summary>
    /// Dates are days in Beijing time: <c>createdFrom=2026-03-02</c> starts at 00:00 that day, <c>createdTo=2026-03-06</c>
    /// includes the whole 6th. A full ISO 8601 time is taken as the instant it names (without an offset: UTC), and
    /// <c>createdTo</c> is then exclusive.
    /// </summary>
    public static CaseListParameters Parse(string? process, string? status, string? agency, string? overdue, string? createdFrom,
        string? createdTo, string? text, string? skip, string? take)
    {
        var errors = new List<FieldError>();
        WorkflowStatus? parsedStatus = null;
        try
        {
            parsedStatus = QueryValues.Enum<WorkflowStatus>(status, "status");
        }
        catch (EngineException e)
        {
            errors.AddRange(e.Errors);
        }

        var isOverdue = false;
        if (!string.IsNullOrWhiteSpace(overdue) && !bool.TryParse(overdue.Trim(), out isOverdue))
            errors.Add(new("overdue", $"'{overdue}' 不是 true 或 false。(Use true or false.)"));

        var from = Moment(createdFrom, "createdFrom", endOfDay: false, errors);
        var to = Moment(createdTo, "createdTo", endOfDay: true, errors);
        if (from is not null && to is not null && from >= to)
            errors.Add(new("createdTo", "结束日期须晚于开始日期。(createdTo must come after createdFrom.)"));

        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (text is { Length: > MaxTextLength })
            errors.Add(new("text", $"检索词至多 {MaxTextLength} 个字符。(At most {MaxTextLength} characters.)"));

        var parsedSkip = Integer(skip, "skip", 0, 0, int.MaxValue, errors);
        var parsedTake = Integer(take, "take", DefaultTake, 1, MaxTake, errors);

        if (errors.Count > 0)
            throw new EngineException(EngineErrorCode.Invalid, "The case list's parameters are not valid.", errors);
        return new(Blank(process), parsedStatus, Blank(agency), isOverdue, from, to, text, parsedSkip, parsedTake);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Moment(string? value, string parameter, bool endOfDay, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (QueryValues.OutOfRange(day) is { } range)
            {
                errors.Add(new(parameter, range));
                return null;
            }
            var start = endOfDay ? day.AddDays(1) : day;
            var midnight = start.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, ChinaTime.Zone.GetUtcOffset(midnight));
        }
        if (value.Contains('T') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            if (QueryValues.OutOfRange(moment) is not { } range) return moment;
            errors.Add(new(parameter, range));
            return null;
        }
        errors.Add(new(parameter, $"'{value}' 不是日期（如 2026-03-02）或 ISO 8601 时间。(Use a date like 2026-03-02 or an ISO 8601 time.)"));
        return null;
    }

    private static int Integer(string? value, string parameter, int fallback, int min, int max, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        errors.Add(new(parameter, max == int.MaxValue
            ? $"须为不小于 {min} 的整数。(A whole number of at least {min}.)"
            : $"须为 {min} 到 {max} 之间的整数。(A whole number from {min} to {max}.)"));
        return fallback;
    }
}
