using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Definitions;

/// <summary>
/// An activity input: a literal JSON value, or a JSON Logic expression evaluated when the activity runs.
/// In JSON a literal is written as itself and an expression as <c>{"$expr": rule}</c>.
/// </summary>
[JsonConverter(typeof(InputValueJsonConverter))]
public sealed record InputValue
{
    private InputValue(JsonNode? literal, JsonNode? expression, bool isExpression)
    {
        Literal = literal;
        Expression = expression;
        IsExpression = isExpression;
    }

    public JsonNode? Literal { get; }
    public JsonNode? Expression { get; }
    public bool IsExpression { get; }

    public static InputValue FromLiteral(JsonNode? value) => new(value, null, false);
    public static InputValue FromExpression(JsonNode? rule) => new(null, rule, true);
}
