using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Profiles;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// One period of the regular joint consultation: the profile's rule "consultation.jointRhythm" (e.g. 6 months) cuts
/// the calendar into periods from 1 January, Beijing time (6 months: 上半年, 下半年). Every node computes the same
/// period from the same moment, so its key makes the period's start happen once.
/// </summary>
public sealed record JointConsultationPeriod(DateTimeOffset Start, DateTimeOffset End, string Key, string Label)
{
    public const string Rule = "consultation.jointRhythm";

    /// <summary>The rhythm in months, or null when the profile has no such rule (or one not in months).</summary>
    public static int? Months(DeploymentProfile profile) =>
        profile.Deadlines.TryGetValue(Rule, out var rule) && rule.Unit == PeriodUnit.Months && rule.Amount > 0 ? rule.Amount : null;

    public static JointConsultationPeriod Of(DateTimeOffset at, int months, string profileName)
    {
        var local = TimeZoneInfo.ConvertTime(at, ChinaTime.Zone);
        var index = (local.Year * 12 + local.Month - 1) / months;
        var start = MonthStart(index * months);
        var end = MonthStart((index + 1) * months);
        var label = months == 6 ? $"{start.Year}年{(start.Month == 1 ? "上" : "下")}半年" : $"{start.Year}年{start.Month}月起{months}个月";
        return new(start, end, $"joint-consultation:{profileName}:{start:yyyy-MM}", label);
    }

    private static DateTimeOffset MonthStart(int monthIndex)
    {
        var date = new DateTime(monthIndex / 12, monthIndex % 12 + 1, 1);
        return new DateTimeOffset(date, ChinaTime.Zone.GetUtcOffset(date));
    }
}
