using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConsultFlow.Engine.Tasks;

/// <summary>Checks submitted form data against a <see cref="FormSchema"/>, naming every field that does not fit.</summary>
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
                errors.Add(new(key, $"'{key}' is not a field of this form."));

        foreach (var field in schema.Fields)
        {
            data.TryGetPropertyValue(field.Key, out var value);
            var required = field.Required
                || (outcome is not null && field.RequiredForOutcomes?.Contains(outcome, StringComparer.Ordinal) == true);
            if (IsEmpty(value))
            {
                if (required) errors.Add(new(field.Key, $"'{field.Key}' ({field.Label.Zh}) is required."));
                continue;
            }
            if (field.Multiple || field.Type == FormFieldType.Agencies)
            {
                if (value is not JsonArray items)
                {
                    errors.Add(new(field.Key, $"'{field.Key}' must be a list."));
                    continue;
                }
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
        switch (field.Type)
        {
            case FormFieldType.Number:
                if (kind != JsonValueKind.Number) return $"'{field.Key}' must be a number.";
                var number = value!.GetValue<double>();
                if (field.Min is { } min && number < min) return $"'{field.Key}' must be at least {min}.";
                if (field.Max is { } max && number > max) return $"'{field.Key}' must be at most {max}.";
                return null;
            case FormFieldType.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : $"'{field.Key}' must be true or false.";
        }

        if (kind != JsonValueKind.String) return $"'{field.Key}' must be text.";
        var text = value!.GetValue<string>();
        switch (field.Type)
        {
            case FormFieldType.Date when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                return $"'{field.Key}' must be a date (yyyy-MM-dd).";
            case FormFieldType.DateTime when !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                return $"'{field.Key}' must be a date and time (ISO 8601).";
            case FormFieldType.Choice when field.Choices is { } choices && !choices.Contains(text, StringComparer.Ordinal):
                return $"'{field.Key}' must be one of: {string.Join(", ", choices)}.";
        }
        if (field.MinLength is { } minLength && text.Length < minLength)
            return $"'{field.Key}' must have at least {minLength} characters.";
        if (field.MaxLength is { } maxLength && text.Length > maxLength)
            return $"'{field.Key}' must have at most {maxLength} characters.";
        if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, PatternTimeout))
            return $"'{field.Key}' does not have the expected format.";
        return null;
    }
}
