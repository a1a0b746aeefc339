using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Static walk over a rule, shared by the evaluator (size and depth limits, before anything runs) and
/// by <see cref="JsonLogicValidator"/> (which also reports operator problems). The walk is iterative,
/// so a maliciously deep rule cannot overflow the stack while being checked.
/// </summary>
internal static class JsonLogicRuleInspector
{
    // A broken rule can produce a problem per node; the first hundred say enough.
    private const int MaxMessages = 100;

    public static void EnforceLimits(JsonNode? rule, JsonLogicLimits limits) =>
        Walk(rule, limits, messages: null);

    public static List<string> Validate(JsonNode? rule, JsonLogicLimits limits)
    {
        var messages = new List<string>();
        try
        {
            Walk(rule, limits, messages);
        }
        catch (JsonLogicException error) when (error.ErrorType == JsonLogicException.LimitExceeded)
        {
            // Only raised once the message list is full; the messages gathered so far stand.
        }

        return messages;
    }

    /// <summary>
    /// Depth counts operators and literal containers; an operator's own argument array does not add a
    /// level, so <c>{"!": {"!": true}}</c> and <c>{"!": [{"!": [true]}]}</c> are both two deep.
    /// With <paramref name="messages"/> null, the first violation throws "Limit Exceeded".
    /// </summary>
    private static void Walk(JsonNode? rule, JsonLogicLimits limits, List<string>? messages)
    {
        var pending = new Stack<(JsonNode? Node, int Depth, string? Path, bool Literal)>();
        pending.Push((rule, 1, messages is null ? null : "$", false));
        long nodes = 0;

        while (pending.Count > 0)
        {
            var (node, depth, path, literal) = pending.Pop();
            if (++nodes > limits.MaxRuleNodes)
            {
                Report(messages, "$", $"rule has more than {limits.MaxRuleNodes} nodes");
                return;
            }

            if (node is not JsonArray and not JsonObject)
            {
                continue;
            }

            if (depth > limits.MaxDepth)
            {
                Report(messages, path, $"rule is nested deeper than {limits.MaxDepth} levels");
                continue;
            }

            if (node is JsonArray array)
            {
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    pending.Push((array[i], depth + 1, Index(path, i), literal));
                }

                continue;
            }

            var obj = (JsonObject)node;
            if (literal || obj.Count != 1)
            {
                // Empty and multi-key objects are literal data, and so is everything inside them.
                foreach (var (key, value) in obj.Reverse())
                {
                    pending.Push((value, depth + 1, Member(path, key), true));
                }

                continue;
            }

            var (name, args) = obj.First();
            var argsPath = Member(path, name);
            var argumentsAreData = false;
            if (!JsonLogicOperatorTable.TryGet(name, out var info))
            {
                Report(messages, path, $"unknown operator '{name}'", onlyWhenValidating: true);
            }
            else
            {
                argumentsAreData = info.ArgumentsAreData;
                CheckArguments(messages, argsPath, name, info, args);
            }

            if (args is JsonArray list && !argumentsAreData)
            {
                nodes++;
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    pending.Push((list[i], depth + 1, Index(argsPath, i), false));
                }
            }
            else
            {
                pending.Push((args, depth + 1, argsPath, argumentsAreData));
            }
        }
    }

    private static void CheckArguments(List<string>? messages, string? path, string name, JsonLogicOperatorInfo info, JsonNode? args)
    {
        if (messages is null)
        {
            return;
        }

        if (info.NeedsArgumentArray && args is not JsonArray)
        {
            Report(messages, path, $"operator '{name}' needs a literal array of arguments");
        }
        else if (args is JsonArray list && list.Count < info.MinArguments)
        {
            Report(messages, path, $"operator '{name}' needs at least {info.MinArguments} arguments");
        }
    }

    private static void Report(List<string>? messages, string? path, string problem, bool onlyWhenValidating = false)
    {
        if (messages is null)
        {
            if (onlyWhenValidating)
            {
                return;
            }

            throw JsonLogicException.Limit($"{char.ToUpperInvariant(problem[0])}{problem[1..]}.");
        }

        messages.Add($"{path}: {problem}");
        if (messages.Count >= MaxMessages)
        {
            throw JsonLogicException.Limit("too many problems");
        }
    }

    private static string? Index(string? path, int index) => path is null ? null : $"{path}[{index}]";

    private static string? Member(string? path, string key)
    {
        if (path is null)
        {
            return null;
        }

        var simple = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_')
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }
}
