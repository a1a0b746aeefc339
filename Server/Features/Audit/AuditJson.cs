using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>The normal form of the JSON kept in a row: object keys in ordinal order, no whitespace, numbers as written.</summary>
public static class AuditJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Chinese text stays readable in the database; the stored text is what is hashed, so the escaping rules of a
        // later .NET version cannot change an old row's hash.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The text that replaces a secret's value.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Null stays null; anything else must be JSON (<see cref="JsonException"/> otherwise).</summary>
    public static string? Normalize(string? json) => Normalize(json, null);

    /// <summary>
    /// Normalises and replaces the values of secret properties (passwords, issued API keys, tokens) by
    /// <see cref="Redacted"/>: the record is kept for years and read by auditors, and must not become a store of secrets.
    /// </summary>
    public static string? Redact(string? json, AuditOptions options) => Normalize(json, (name, depth) =>
        options.RedactedProperties.Contains(name, StringComparer.OrdinalIgnoreCase)
        || (depth == 0 && options.RedactedTopLevelProperties.Contains(name, StringComparer.OrdinalIgnoreCase)));

    private static string? Normalize(string? json, Func<string, int, bool>? isSecret)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, document.RootElement, isSecret, 0);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Roles as a sorted JSON array without duplicates or blanks, so the same set always gives the same text.</summary>
    public static string Roles(IEnumerable<string> roles) =>
        JsonSerializer.Serialize(roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
            new JsonSerializerOptions { Encoder = WriterOptions.Encoder });

    private static void Write(Utf8JsonWriter writer, JsonElement element, Func<string, int, bool>? isSecret, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    if (isSecret?.Invoke(property.Name, depth) == true && property.Value.ValueKind != JsonValueKind.Null)
                        writer.WriteStringValue(Redacted);
                    else
                        Write(writer, property.Value, isSecret, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, isSecret, depth + 1);
                }
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
