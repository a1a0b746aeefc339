using System.Globalization;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// What a document is filled from: the case's start input and variables, its tasks (with the form data of the completed
/// ones), the directory's agency names and the deployment profile's standing agencies. Missing values read as blank
/// lines to fill by hand (“＿＿＿＿”), never as "null".
/// </summary>
public sealed class CaseFacts(WorkflowState state, IReadOnlyList<HumanTask> tasks, IReadOnlyDictionary<string, string> agencyNames,
    DeploymentProfile profile, DateTimeOffset now)
{
    public const string Blank = "＿＿＿＿＿＿";

    public WorkflowState State { get; } = state;
    public IReadOnlyList<HumanTask> Tasks { get; } = tasks;
    public DeploymentProfile Profile { get; } = profile;
    public DateTimeOffset Now { get; } = now;

    /// <summary>A start input as text, or null when absent or empty.</summary>
    public string? Input(string name) => TextOf(State.Input[name]);

    public string InputOrBlank(string name) => Input(name) ?? Blank;

    public string? Variable(string name) => TextOf(State.Variables[name]);

    public JsonNode? VariableNode(string name) => State.Variables[name];

    /// <summary>The last completed task of a step (optionally with one of the outcomes), by closing time.</summary>
    public HumanTask? Completed(string activityId, params string[] outcomes) =>
        Tasks.Where(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Completed
                && (outcomes.Length == 0 || outcomes.Contains(t.Outcome)))
            .OrderBy(t => t.ClosedAt).LastOrDefault();

    /// <summary>The last completed task among several steps (e.g. the police review and its extensions).</summary>
    public HumanTask? CompletedAny(IEnumerable<string> activityIds, params string[] outcomes)
    {
        var ids = activityIds.ToHashSet(StringComparer.Ordinal);
        return Tasks.Where(t => ids.Contains(t.ActivityId) && t.Status == HumanTaskStatus.Completed
                && (outcomes.Length == 0 || outcomes.Contains(t.Outcome)))
            .OrderBy(t => t.ClosedAt).LastOrDefault();
    }

    public HumanTask? Open(string activityId) =>
        Tasks.Where(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open).OrderBy(t => t.CreatedAt).LastOrDefault();

    public static string? Data(HumanTask? task, string key) => task?.Data is { } data ? TextOf(data[key]) : null;

    /// <summary>The directory's Chinese name of an agency, or its code when the directory does not know it.</summary>
    public string AgencyName(string? code) =>
        string.IsNullOrEmpty(code) ? Blank : agencyNames.TryGetValue(code, out var name) ? name : code;

    /// <summary>A list of agency codes (a JSON array) as names joined with 、.</summary>
    public string AgencyNames(JsonNode? codes) =>
        codes is JsonArray array && array.Count > 0
            ? string.Join("、", array.Select(c => AgencyName(TextOf(c))))
            : Blank;

    /// <summary>A date as Chinese documents write it, in Beijing time: 2026年3月9日.</summary>
    public static string ChineseDate(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, ChinaTime.Zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日");
    }

    /// <summary>A date and time in Beijing time: 2026年3月9日 09:30.</summary>
    public static string ChineseDateTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, ChinaTime.Zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}");
    }

    /// <summary>A form value that should be a date or date-time, written the Chinese way when it parses.</summary>
    public static string? ChineseMoment(string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return string.Create(CultureInfo.InvariantCulture, $"{day.Year}年{day.Month}月{day.Day}日");
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? ChineseDateTime(moment)
            : value;
    }

    private static string? TextOf(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "是" : "否",
        JsonValue value => value.ToJsonString(),
        JsonArray array => array.Count == 0 ? null : string.Join("、", array.Select(TextOf).OfType<string>()),
        _ => node.ToJsonString(),
    };
}
