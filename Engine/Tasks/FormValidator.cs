using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultFlow.Engine.Text;

namespace ConsultFlow.Engine.Tasks;

/// <summary>Checks submitted form data against a <see cref="FormSchema"/>, naming every field that does not fit by its label.</summary>
public static class FormValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyList<FieldError> Validate(FormSchema schema, JsonObject? data, string? outcome = null)
    {
        var errors = new List<FieldError>();
        data ??= [];
        var known = schema.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in data)
            if (!known.Contains(key))
                errors.Add(new(key, Bilingual.Say($"“{key}”不是本表单的字段。", $"'{key}' is not a field of this form.")));

        foreach (var field in schema.Fields)
        {
            data.TryGetPropertyValue(field.Key, out var value);
            var required = field.Required
                || (outcome is not null && field.RequiredForOutcomes?.Contains(outcome, StringComparer.Ordinal) == true);
            var label = field.DisplayName;
            if (IsEmpty(value))
            {
                if (required) errors.Add(new(field.Key, Bilingual.Say($"请填写“{label}”。", $"'{label}' is required.")));
                continue;
            }
            if (field.Multiple || field.Type == FormFieldType.Agencies)
            {
                if (value is not JsonArray items)
                {
                    errors.Add(new(field.Key, Bilingual.Say($"“{label}”应为列表。", $"'{label}' must be a list.")));
                    continue;
                }
                var max = field.MaxItems ?? FormField.DefaultMaxItems;
                if (items.Count > max)
                {
                    errors.Add(new(field.Key, Bilingual.Say($"“{label}”至多 {max} 项（现有 {items.Count} 项）。", $"'{label}' takes at most {max} items (it has {items.Count}).")));
                    continue;
                }
                if (items.Select(i => i?.ToJsonString()).Distinct(StringComparer.Ordinal).Count() != items.Count)
                    errors.Add(new(field.Key, Bilingual.Say($"“{label}”中有重复的项。", $"'{label}' lists an item twice.")));
                for (var i = 0; i < items.Count; i++)
                    if (CheckSingle(field, items[i]) is { } message)
                        errors.Add(new($"{field.Key}[{i}]", message));
            }
            else if (CheckSingle(field, value) is { } message)
            {
                errors.Add(new(field.Key, message));
            }
        }
        return errors;
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetValue<string>()),
        JsonArray a => a.Count == 0,
        _ => false,
    };

    private static string? CheckSingle(FormField field, JsonNode? value)
    {
        var kind = value?.GetValueKind();
        var label = field.DisplayName;
        switch (field.Type)
        {
            case FormFieldType.Number:
                if (kind != JsonValueKind.Number) return Bilingual.Say($"“{label}”应为数字。", $"'{label}' must be a number.");
                var number = value!.GetValue<double>();
                if (field.Min is { } min && number < min) return Bilingual.Say($"“{label}”不得小于 {min}。", $"'{label}' must be at least {min}.");
                if (field.Max is { } max && number > max) return Bilingual.Say($"“{label}”不得大于 {max}。", $"'{label}' must be at most {max}.");
                return null;
            case FormFieldType.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : Bilingual.Say($"“{label}”应为是或否。", $"'{label}' must be true or false.");
        }

        if (kind != JsonValueKind.String) return Bilingual.Say($"“{label}”应为文本。", $"'{label}' must be text.");
        var text = value!.GetValue<string>();
        switch (field.Type)
        {
            case FormFieldType.Date when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                return Bilingual.Say($"“{label}”应为日期（yyyy-MM-dd）。", $"'{label}' must be a date (yyyy-MM-dd).");
            case FormFieldType.DateTime when !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                return Bilingual.Say($"“{label}”应为日期时间（ISO 8601）。", $"'{label}' must be a date and time (ISO 8601).");
            case FormFieldType.Choice when field.Choices is { } choices && !choices.Contains(text, StringComparer.Ordinal):
                return Bilingual.Say($"“{label}”只能是：{string.Join("、", choices)}。", $"'{label}' must be one of: {string.Join(", ", choices)}.");
        }
        if (field.MinLength is { } minLength && text.Trim().Length < minLength)
            return Bilingual.Say($"“{label}”至少 {minLength} 个字符。", $"'{label}' must have at least {minLength} characters.");
        if (TextRules.ProblemWith(text, label, field.EffectiveMaxLength) is { } problem)
            return problem;
        if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, PatternTimeout))
            return Bilingual.Say($"“{label}”的格式不正确。", $"'{label}' does not have the expected format.");
        return null;
    }
}
