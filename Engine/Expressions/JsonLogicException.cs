using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// The single exception type of JSON Logic evaluation, so callers need one catch clause.
/// <see cref="ErrorType"/> follows the conformance suites: a built-in type or whatever a rule threw.
/// </summary>
public sealed class JsonLogicException : Exception
{
    public const string NotANumber = "NaN";
    public const string InvalidArguments = "Invalid Arguments";
    public const string UnknownOperator = "Unknown Operator";
    public const string LimitExceeded = "Limit Exceeded";

    public JsonLogicException(string errorType, string message, JsonNode? thrown = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorType = errorType;
        Thrown = thrown;
    }

    /// <summary>"NaN", "Invalid Arguments", "Unknown Operator", "Limit Exceeded", or the type thrown by a rule.</summary>
    public string ErrorType { get; }

    /// <summary>The value passed to the <c>throw</c> operator (detached from rule and data); null for built-in errors.</summary>
    public JsonNode? Thrown { get; }

    // Built-in limit errors must escape try, or a rule could swallow its own budget; a rule's own
    // {"throw": "Limit Exceeded"} is ordinary data and stays catchable.
    internal bool IsCatchable => ErrorType != LimitExceeded || Thrown is not null;

    internal static JsonLogicException NaN(string detail) => new(NotANumber, detail);

    internal static JsonLogicException Invalid(string detail) => new(InvalidArguments, detail);

    internal static JsonLogicException Limit(string detail) => new(LimitExceeded, detail);

    internal static JsonLogicException Unknown(string op) => new(UnknownOperator, $"Unknown operator '{op}'.");

    /// <summary>Builds the error raised by the <c>throw</c> operator; <paramref name="value"/> must already be detached.</summary>
    internal static JsonLogicException FromThrown(JsonNode? value)
    {
        // An object carrying "type" is an error object in its own right (the suites rethrow caught errors this way).
        var type = value is JsonObject obj && obj.TryGetPropertyValue("type", out var inner)
            ? DescribeType(inner)
            : DescribeType(value);
        return new JsonLogicException(type, $"Rule threw '{type}'.", value);
    }

    /// <summary>The value a <c>try</c> fallback sees as its context: always an object with a "type".</summary>
    internal JsonObject ToErrorObject()
    {
        if (Thrown is JsonObject obj)
        {
            return (JsonObject)JsonLogicTree.Clone(obj)!;
        }

        return new JsonObject { ["type"] = Thrown is null ? JsonValue.Create(ErrorType) : JsonLogicTree.Clone(Thrown) };
    }

    private static string DescribeType(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue => JsCoercion.ToJsString(value),
        _ => Truncate(value.ToJsonString()),
    };

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
