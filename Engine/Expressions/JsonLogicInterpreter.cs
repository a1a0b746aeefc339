using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Per-call evaluation state and the dispatch loop. One instance evaluates one rule against one
/// data document, which keeps <see cref="JsonLogicEvaluator"/> stateless and thread-safe.
/// </summary>
internal sealed class JsonLogicInterpreter(JsonLogicLimits limits, JsonNode? rootRule, JsonNode? rootData)
{
    /// <summary>Cap on the characters of a produced string and the elements of a produced array.</summary>
    public const int MaxResultLength = 1_000_000;

    // Reading the clock costs little, but not nothing; every 16 operations keeps overshoot tiny.
    private const int ClockCheckInterval = 16;

    private readonly long _deadline = ComputeDeadline(limits.EffectiveTimeout);
    private long _operations;

    public JsonNode? Run()
    {
        JsonLogicRuleInspector.EnforceLimits(rootRule, limits);
        return Adopt(Evaluate(rootRule, JsonLogicScope.Root(rootData)));
    }

    /// <summary>
    /// Evaluates a rule node. Scalars and non-operator objects are literals; arrays are evaluated
    /// element-wise; single-key objects are operator calls. The result may still be attached to the
    /// rule or data: call <see cref="Adopt"/> before placing it into a new container.
    /// </summary>
    public JsonNode? Evaluate(JsonNode? rule, JsonLogicScope scope)
    {
        switch (rule)
        {
            case JsonObject obj when obj.Count == 1:
                return EvaluateOperator(obj, scope);
            case JsonArray array:
            {
                EnsureStack();
                var result = new JsonArray();
                foreach (var item in array)
                {
                    result.Add(Adopt(Evaluate(item, scope)));
                }

                return result;
            }

            default:
                return rule;
        }
    }

    /// <summary>The argument list of an operator that insists on a literal array (lazy operators, comparisons).</summary>
    public static JsonArray RequireArgumentArray(string op, JsonNode? args, int minCount = 0)
    {
        if (args is not JsonArray array)
        {
            throw JsonLogicException.Invalid($"Operator '{op}' needs a literal array of arguments.");
        }

        if (array.Count < minCount)
        {
            throw JsonLogicException.Invalid($"Operator '{op}' needs at least {minCount} arguments.");
        }

        return array;
    }

    /// <summary>Evaluates each literal argument; a non-array argument is one argument.</summary>
    public List<JsonNode?> EvaluateEach(JsonNode? args, JsonLogicScope scope)
    {
        if (args is JsonArray array)
        {
            var values = new List<JsonNode?>(array.Count);
            foreach (var item in array)
            {
                values.Add(Evaluate(item, scope));
            }

            return values;
        }

        return [Evaluate(args, scope)];
    }

    /// <summary>
    /// Like <see cref="EvaluateEach"/>, but a non-array argument that evaluates to an array supplies
    /// the whole argument list ("chaining", e.g. <c>{"max": {"val": "numbers"}}</c>).
    /// </summary>
    public List<JsonNode?> EvaluateSpread(JsonNode? args, JsonLogicScope scope)
    {
        if (args is JsonArray)
        {
            return EvaluateEach(args, scope);
        }

        var value = Evaluate(args, scope);
        return value is JsonArray array ? [.. array] : [value];
    }

    /// <summary>
    /// Returns a node that may be placed into a new container: nodes still owned by the rule, the data
    /// or another container are deep-copied, fresh nodes are used as they are.
    /// </summary>
    public JsonNode? Adopt(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Parent is null && !ReferenceEquals(node, rootRule) && !ReferenceEquals(node, rootData))
        {
            return node;
        }

        var copy = JsonLogicTree.Clone(node);
        CheckClock();
        return copy;
    }

    /// <summary>Counts one operation (operator evaluation or iterator step) against the limits.</summary>
    public void Tick()
    {
        _operations++;
        if (_operations > limits.MaxOperations)
        {
            throw JsonLogicException.Limit($"Evaluation exceeded {limits.MaxOperations} operations.");
        }

        if (_operations % ClockCheckInterval == 0)
        {
            CheckClock();
        }
    }

    public void CheckClock()
    {
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw JsonLogicException.Limit($"Evaluation exceeded its time limit of {limits.EffectiveTimeout}.");
        }
    }

    public static void EnsureResultSize(int count)
    {
        if (count > MaxResultLength)
        {
            throw JsonLogicException.Limit($"Result exceeds {MaxResultLength} elements.");
        }
    }

    private JsonNode? EvaluateOperator(JsonObject obj, JsonLogicScope scope)
    {
        EnsureStack();
        Tick();
        foreach (var (name, args) in obj)
        {
            if (!JsonLogicOperatorTable.TryGet(name, out var info))
            {
                throw JsonLogicException.Unknown(name);
            }

            return info.Handler(this, args, scope);
        }

        return null;
    }

    // Rule depth is validated up front, but a caller may raise MaxDepth or run us on a small stack.
    private static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonLogicException.Limit("Rule is nested too deeply for the available stack.");
        }
    }

    private static long ComputeDeadline(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            return long.MaxValue;
        }

        var ticks = Math.Min(timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4d);
        return Stopwatch.GetTimestamp() + (long)ticks;
    }
}
