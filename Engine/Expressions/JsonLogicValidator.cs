using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Checks a rule without data, e.g. when a workflow definition is saved: unknown operators, operators
/// that need a literal argument array, and the depth/size limits. Each message starts with the JSON
/// path of the offending node, e.g. <c>$.and[1]: unknown operator 'foo'</c>.
/// </summary>
public static class JsonLogicValidator
{
    /// <returns>The problems found; an empty list means the rule is valid.</returns>
    public static IReadOnlyList<string> Validate(JsonNode? rule, JsonLogicLimits? limits = null) =>
        JsonLogicRuleInspector.Validate(rule, limits ?? JsonLogicLimits.Default);
}
