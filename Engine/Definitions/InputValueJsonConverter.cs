using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Definitions;

/// <summary>Reads and writes the <c>{"$expr": rule}</c> / plain-literal form of <see cref="InputValue"/>.</summary>
public sealed class InputValueJsonConverter : JsonConverter<InputValue>
{
    public const string ExpressionKey = "$expr";

    public override bool HandleNull => true;

    public override InputValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader);
        if (node is JsonObject obj && obj.Count == 1 && obj.TryGetPropertyValue(ExpressionKey, out var rule))
            return InputValue.FromExpression(rule?.DeepClone());
        return InputValue.FromLiteral(node);
    }

    public override void Write(Utf8JsonWriter writer, InputValue value, JsonSerializerOptions options)
    {
        if (value.IsExpression)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(ExpressionKey);
            WriteNode(writer, value.Expression, options);
            writer.WriteEndObject();
        }
        else
        {
            WriteNode(writer, value.Literal, options);
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node, JsonSerializerOptions options)
    {
        if (node is null) writer.WriteNullValue();
        else node.WriteTo(writer, options);
    }
}
