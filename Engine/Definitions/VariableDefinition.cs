using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Text;

namespace ConsultFlow.Engine.Definitions;

/// <summary>A typed workflow variable or input. <see cref="Label"/> is what the designer and forms show.</summary>
public sealed record VariableDefinition(string Name, ValueKind Type)
{
    /// <summary>Text inputs without their own <see cref="MaxLength"/> take at most this many characters.</summary>
    public const int DefaultMaxLength = 2000;
    /// <summary>List inputs without their own <see cref="MaxItems"/> take at most this many items.</summary>
    public const int DefaultMaxItems = 50;

    public JsonNode? Default { get; init; }
    public bool Required { get; init; }
    public LocalizedText? Label { get; init; }
    /// <summary>The only values a text input may take (e.g. "claim" / "decline").</summary>
    public IReadOnlyList<string>? Choices { get; init; }
    /// <summary>The fewest items a list input must have (e.g. at least two agencies in a dispute).</summary>
    public int? MinItems { get; init; }
    /// <summary>The most items a list input may have; <see cref="DefaultMaxItems"/> when unset.</summary>
    public int? MaxItems { get; init; }
    /// <summary>The most characters a text input may have; <see cref="DefaultMaxLength"/> when unset.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// This agency input names who acts: the server fills it with the caller's agency and refuses another (a list
    /// must include the caller's). Only the coordination office may act for another agency, with a recorded reason.
    /// </summary>
    public bool ActingAgency { get; init; }

    /// <summary>For agency inputs: the directory's agency types a value may have ("publicSecurity" …); any when unset.</summary>
    public IReadOnlyList<string>? AgencyTypes { get; init; }

    /// <summary>
    /// For a list of objects (e.g. a dispute's positions, a task table): the fields each item has, checked like inputs
    /// (type, required, length, agency types) and named by item number in a refusal. One level deep.
    /// </summary>
    public IReadOnlyList<VariableDefinition>? ItemFields { get; init; }

    /// <summary>What people call this input: its label in their language, else its name.</summary>
    public string DisplayName => Label is { } label ? Bilingual.Say(label.Zh, label.En ?? label.Zh) : Name;

    /// <summary>Why <paramref name="value"/> does not fit this parameter, or null when it does.</summary>
    public string? ProblemWith(JsonNode? value)
    {
        var label = DisplayName;
        if (value is null || (Required && value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>())))
            return Required ? Bilingual.Say($"请填写“{label}”。", $"'{label}' is required.") : null;
        if (!Runtime.ValueKinds.Accepts(Type, value))
            return Bilingual.Say($"“{label}”的类型不正确，应为{KindName(true)}。", $"'{label}' must be {KindName(false)}.");
        if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (Choices is { } choices && !choices.Contains(text))
                return Bilingual.Say($"“{label}”只能是：{string.Join("、", choices)}。", $"'{label}' must be one of: {string.Join(", ", choices)}.");
            if (TextRules.ProblemWith(text, label, MaxLength ?? DefaultMaxLength) is { } textProblem)
                return textProblem;
        }
        if (value is JsonArray items)
        {
            if (MinItems is { } min && items.Count < min)
                return Bilingual.Say($"“{label}”至少需要 {min} 项。", $"'{label}' needs at least {min} item(s).");
            var max = MaxItems ?? DefaultMaxItems;
            if (items.Count > max)
                return Bilingual.Say($"“{label}”至多 {max} 项（现有 {items.Count} 项）。", $"'{label}' takes at most {max} items (it has {items.Count}).");
            if (ItemFields is { Count: > 0 } fields)
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject item)
                        return Bilingual.Say($"“{label}”第 {i + 1} 项应为对象。", $"'{label}' item {i + 1} must be an object.");
                    foreach (var field in fields)
                        if (field.ProblemWith(item[field.Name]) is { } itemProblem)
                            return Bilingual.Say($"“{label}”第 {i + 1} 项：{itemProblem}", $"'{label}' item {i + 1}: {itemProblem}");
                }
            if (Type is ValueKind.StringList or ValueKind.Agencies)
            {
                var texts = items.Select(i => i!.GetValue<string>()).ToList();
                if (texts.Distinct(StringComparer.Ordinal).Count() != texts.Count)
                    return Bilingual.Say($"“{label}”中有重复的项。", $"'{label}' lists an item twice.");
                foreach (var text in texts)
                    if (TextRules.ProblemWith(text, label, MaxLength ?? DefaultMaxLength) is { } itemProblem)
                        return itemProblem;
            }
        }
        return null;
    }

    private string KindName(bool chinese) => (Type, chinese) switch
    {
        (ValueKind.String, true) => "文本",
        (ValueKind.Number, true) => "数字",
        (ValueKind.Integer, true) => "整数",
        (ValueKind.Boolean, true) => "是或否",
        (ValueKind.Date, true) => "日期（yyyy-MM-dd）",
        (ValueKind.DateTime, true) => "日期时间（ISO 8601）",
        (ValueKind.Object, true) => "对象",
        (ValueKind.Array, true) => "列表",
        (ValueKind.StringList, true) => "文本列表",
        (ValueKind.Agency, true) => "单位代码",
        (ValueKind.Agencies, true) => "单位代码列表",
        (_, true) => "任意值",
        (ValueKind.Date, false) => "a date (yyyy-MM-dd)",
        (ValueKind.DateTime, false) => "a date and time (ISO 8601)",
        (ValueKind.Agency, false) => "an agency code",
        (ValueKind.Agencies, false) => "a list of agency codes",
        (ValueKind.StringList, false) => "a list of text",
        (ValueKind.Integer, false) => "a whole number",
        _ => $"of type {Type.ToString().ToLowerInvariant()}",
    };
}
