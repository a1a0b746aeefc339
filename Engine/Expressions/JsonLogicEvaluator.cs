using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Evaluates JSON Logic rules (classic operators plus the community extensions: val, exists, ??,
/// try/throw, scoped iterators). Instances hold only their limits, so one can be shared freely.
/// Evaluation performs no I/O, uses no reflection or code generation, and is bounded by
/// <see cref="JsonLogicLimits"/>; every failure surfaces as <see cref="JsonLogicException"/>.
/// </summary>
public sealed class JsonLogicEvaluator(JsonLogicLimits? limits = null)
{
    private readonly JsonLogicLimits _limits = Validated(limits ?? JsonLogicLimits.Default);

    /// <summary>
    /// Evaluates <paramref name="rule"/> against <paramref name="data"/>. Neither input is modified and
    /// the result is always a fresh node, never one still attached to the rule or the data.
    /// </summary>
    /// <exception cref="JsonLogicException">The rule failed, threw, or exceeded a limit.</exception>
    public JsonNode? Evaluate(JsonNode? rule, JsonNode? data)
    {
        try
        {
            return new JsonLogicInterpreter(_limits, rule, data).Run();
        }
        catch (JsonLogicException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException error)
        {
            throw new JsonLogicException(JsonLogicException.LimitExceeded, "Evaluation ran out of stack.", innerException: error);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Keeps the single-exception contract even for input shapes nobody anticipated.
            throw new JsonLogicException(JsonLogicException.InvalidArguments, $"Evaluation failed: {error.Message}", innerException: error);
        }
    }

    /// <summary>JSON Logic truthiness: false, null, 0, "" and [] are falsy; everything else, every object included, is truthy.</summary>
    public static bool IsTruthy(JsonNode? value) => JsCoercion.IsTruthy(value);

    private static JsonLogicLimits Validated(JsonLogicLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxDepth, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxRuleNodes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxOperations, nameof(limits));
        return limits;
    }
}
