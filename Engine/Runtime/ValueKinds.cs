using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>Whether a JSON value fits a declared <see cref="ValueKind"/>. Null fits every kind (an unset value).</summary>
public static class ValueKinds
{
    public static bool Accepts(ValueKind kind, JsonNode? value)
    {
        if (value is null) return true;
        var json = value.GetValueKind();
        return kind switch
        {
            ValueKind.Any => true,
            ValueKind.String or ValueKind.Agency => json == JsonValueKind.String,
            ValueKind.Number => json == JsonValueKind.Number,
            ValueKind.Integer => json == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
            ValueKind.Boolean => json is JsonValueKind.True or JsonValueKind.False,
            ValueKind.Date => json == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ValueKind.DateTime => json == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ValueKind.Object => json == JsonValueKind.Object,
            ValueKind.Array => json == JsonValueKind.Array,
            ValueKind.StringList or ValueKind.Agencies => value is JsonArray items
                && items.All(i => i?.GetValueKind() == JsonValueKind.String),
            _ => false,
        };
    }
}
