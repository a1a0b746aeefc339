using System.Globalization;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Timing;

/// <summary>
/// Waits for a period on the statutory calendar, until a moment ("2026-06-30" means the end of that day in Beijing,
/// as "2024年6月底前" does), or until the next yearly date ("01-15" for "每年1月15日前").
/// </summary>
public sealed class Timer : Activity<Timer.Inputs>
{
    public sealed record Inputs(DurationInput? Duration, string? At, string? YearlyOn);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Timer", T("定时等待", "Timer"), T("等待一段期限、到某一时刻或每年的某一日。", "Waits for a period, until a moment, or until a yearly date."),
        Categories.Timing,
        [
            new("duration", InputKind.Duration, T("期限", "Duration")),
            new("at", InputKind.Text, T("时刻", "At")) { Help = T("日期（当日24时）或ISO 8601时间，可用表达式。", "A date (its end) or an ISO 8601 time; may be an expression.") },
            new("yearlyOn", InputKind.Text, T("每年日期", "Yearly on")) { Help = T("如 01-15：下一个1月15日24时。", "E.g. 01-15: the end of the next 15 January.") },
        ],
        [Outcomes.Done])
    { Blocking = true };

    public override IEnumerable<string> Validate(ActivityNode node)
    {
        var given = new[] { "duration", "at", "yearlyOn" }.Count(node.Inputs.ContainsKey);
        if (given != 1) yield return "A timer needs exactly one of: a duration, a moment ('at'), or a yearly date ('yearlyOn').";
    }

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var (due, deadline) = inputs switch
        {
            { Duration: { } duration } => DueOf(duration.DueFrom(context, context.Now)),
            { At: { } at } => (ParseMoment(at), null),
            { YearlyOn: { } yearly } => (NextYearly(yearly, context.Now), null),
            _ => throw new InvalidOperationException($"Timer '{context.ActivityId}' has neither a duration, a moment nor a yearly date."),
        };
        return new(ActivityResult.Block(new BookmarkRequest(BookmarkKind.Timer)
        {
            DueAt = due,
            Payload = deadline is null ? null : new JsonObject
            {
                ["legalBasis"] = deadline.LegalBasis,
                ["calendarVersion"] = deadline.CalendarVersion,
                ["estimated"] = deadline.Estimated,
            },
        }));
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Inputs inputs, ResumeContext resume) =>
        new(ActivityResult.Done(output: new JsonObject
        {
            ["dueAt"] = resume.Bookmark.DueAt?.ToString("O"),
            ["firedAt"] = resume.At.ToString("O"),
        }));

    private static (DateTimeOffset, Deadline?) DueOf(Deadline deadline) => (deadline.DueAt, deadline);

    /// <summary>A date means the end of that day in Beijing (the deadline is "before the day is out").</summary>
    public static DateTimeOffset ParseMoment(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return EndOfDay(date);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            ? moment
            : throw new InvalidOperationException($"'{text}' is neither a date (yyyy-MM-dd) nor an ISO 8601 time.");
    }

    public static DateTimeOffset NextYearly(string monthDay, DateTimeOffset now)
    {
        if (!DateOnly.TryParseExact($"2000-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var template))
            throw new InvalidOperationException($"'{monthDay}' is not a month and day (MM-dd).");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.Zone).DateTime);
        for (var year = today.Year; ; year++)
        {
            var day = Math.Min(template.Day, DateTime.DaysInMonth(year, template.Month));
            var due = EndOfDay(new DateOnly(year, template.Month, day));
            if (due > now) return due;
        }
    }

    private static DateTimeOffset EndOfDay(DateOnly date) =>
        new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));
}
