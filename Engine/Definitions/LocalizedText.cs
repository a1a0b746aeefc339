namespace ConsultFlow.Engine.Definitions;

/// <summary>Text in Simplified Chinese first, with English available. In JSON: "文本" or {"zh": "文本", "en": "text"}.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed record LocalizedText(string Zh, string? En = null)
{
    public string For(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) && En is not null ? En : Zh;
}
