using System.Text.Json;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Follows the outcome of the first case whose condition holds (or of every such case), else Default.</summary>
public sealed class Switch : Activity<Switch.Inputs>
{
    public sealed record Inputs(IReadOnlyList<SwitchCase> Cases, bool MatchAll);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Switch", T("多路分支", "Switch"), T("按多个条件选择分支，都不满足时走“默认”。", "Chooses a branch by several conditions; Default when none holds."),
        Categories.Flow,
        [
            new("cases", InputKind.Cases, T("分支条件", "Cases")) { Required = true, Deferred = true },
            new("matchAll", InputKind.Boolean, T("满足的分支全部执行", "Follow every matching case")) { Default = false },
        ],
        [Outcomes.Default])
    { OutcomesFromInput = "cases" };

    public override IReadOnlyList<string> OutcomesOf(ActivityNode node) =>
        [.. CasesOf(node).Select(c => c.Outcome), Outcomes.Default];

    public override IEnumerable<string> Validate(ActivityNode node)
    {
        var outcomes = CasesOf(node).Select(c => c.Outcome).ToList();
        if (outcomes.Any(string.IsNullOrWhiteSpace)) yield return "Every case needs an outcome name.";
        if (outcomes.Distinct().Count() != outcomes.Count) yield return "Case outcomes must be different from each other.";
    }

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var matched = new List<string>();
        foreach (var @case in inputs.Cases)
        {
            if (!context.IsTrue(@case.Condition)) continue;
            matched.Add(@case.Outcome);
            if (!inputs.MatchAll) break;
        }
        return new(new ActivityResult.Completed(matched.Count > 0 ? matched : [Outcomes.Default], null));
    }

    private static IReadOnlyList<SwitchCase> CasesOf(ActivityNode node)
    {
        if (!node.Inputs.TryGetValue("cases", out var value) || value.IsExpression || value.Literal is null) return [];
        try
        {
            return value.Literal.Deserialize<List<SwitchCase>>(WorkflowJson.Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
