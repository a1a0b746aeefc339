using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Runtime;

/// <summary>Turns a placed activity's inputs (literals and evaluated expressions) into the activity's typed record.</summary>
internal static class InputBinder
{
    public static object Bind(Activity activity, ActivityNode node, ActivityContext context)
    {
        var values = new JsonObject();
        foreach (var input in activity.Descriptor.Inputs)
        {
            JsonNode? value;
            if (node.Inputs.TryGetValue(input.Name, out var given))
            {
                value = given.IsExpression
                    ? input.Deferred ? given.Expression?.DeepClone() : Evaluate(context, input, given.Expression)
                    : input.Deferred ? given.Literal?.DeepClone() : EvaluateNested(context, input, given.Literal);
            }
            else
            {
                value = input.Default?.DeepClone();
            }
            values[input.Name] = value;
        }

        try
        {
            return values.Deserialize(activity.InputsType, WorkflowJson.Options)
                ?? throw new InvalidOperationException($"The inputs of '{node.Id}' bound to nothing.");
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? p[2..] : "?";
            throw new InvalidOperationException($"Input '{path}' of activity '{node.Id}' ({node.Type}) has the wrong type: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A literal may hold expressions deeper down, e.g. alert recipients
    /// <c>[{"agency": {"$expr": {"var": "input.agency"}}, "role": "leader"}]</c>: each is replaced by its value.
    /// </summary>
    private static JsonNode? EvaluateNested(ActivityContext context, InputDescriptor input, JsonNode? literal) => literal switch
    {
        JsonObject obj when obj.Count == 1 && obj.TryGetPropertyValue(InputValueJsonConverter.ExpressionKey, out var rule) =>
            Evaluate(context, input, rule),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, EvaluateNested(context, input, p.Value)))),
        JsonArray array => new JsonArray(array.Select(item => EvaluateNested(context, input, item)).ToArray()),
        _ => literal?.DeepClone(),
    };

    private static JsonNode? Evaluate(ActivityContext context, InputDescriptor input, JsonNode? rule)
    {
        try
        {
            return context.Evaluate(rule);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The expression of input '{input.Name}' of activity '{context.ActivityId}' failed: {ex.Message}", ex);
        }
    }
}
