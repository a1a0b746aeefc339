using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>throw and try: rule-level errors and their recovery.</summary>
internal static class ErrorOperators
{
    /// <summary>throw: raises its (evaluated) value; an object with "type" is used as the error object itself.</summary>
    public static JsonNode? Throw(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        var value = args is JsonArray list
            ? list.Count > 0 ? interpreter.Evaluate(list[0], scope) : null
            : interpreter.Evaluate(args, scope);
        throw JsonLogicException.FromThrown(interpreter.Adopt(value));
    }

    /// <summary>
    /// try: returns the first operand that evaluates without error. Each later operand is evaluated
    /// with the previous error object (<c>{"type": ...}</c>) as its context, the outer context being one
    /// scope up. If every operand fails the last error propagates. Limit errors are never caught, so a
    /// rule cannot swallow its own timeout or operation budget.
    /// </summary>
    public static JsonNode? Try(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope)
    {
        // Not a collection expression: next to a JsonArray it would become one and try to re-parent args.
        IList<JsonNode?> operands = args is JsonArray list ? list : new List<JsonNode?> { args };
        JsonLogicException? lastError = null;
        var context = scope;
        foreach (var operand in operands)
        {
            try
            {
                return interpreter.Evaluate(operand, context);
            }
            catch (JsonLogicException error) when (error.IsCatchable)
            {
                lastError = error;
                context = JsonLogicScope.ForError(scope, error.ToErrorObject());
            }
        }

        if (lastError is not null)
        {
            throw lastError;
        }

        return null;
    }
}
