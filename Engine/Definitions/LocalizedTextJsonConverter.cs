using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Definitions;

/// <summary>Reads a <see cref="LocalizedText"/> from plain text (Chinese only) or from <c>{"zh", "en"}</c>.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new LocalizedText(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Text must be a string or {\"zh\": ..., \"en\": ...}.");
        string? zh = null, en = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "zh", StringComparison.OrdinalIgnoreCase)) zh = reader.GetString();
            else if (string.Equals(name, "en", StringComparison.OrdinalIgnoreCase)) en = reader.GetString();
            else throw new JsonException($"Unknown property '{name}' in a text; use \"zh\" and \"en\".");
        }
        return new LocalizedText(zh ?? throw new JsonException("A text needs its Chinese form (\"zh\")."), en);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("zh", value.Zh);
        if (value.En is not null) writer.WriteString("en", value.En);
        writer.WriteEndObject();
    }
}
