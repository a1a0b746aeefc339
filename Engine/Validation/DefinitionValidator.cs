using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Engine.Validation;

/// <summary>
/// Checks a definition before it may be published and returns every problem with its location: unknown activity
/// types, missing or mistyped inputs, bad expressions, connections to missing activities or unknown outcomes,
/// unreachable activities, a missing start, joins with fewer than two inbound branches.
/// </summary>
public sealed partial class DefinitionValidator(ActivityRegistry registry)
{
    [GeneratedRegex("^[a-z][a-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();

    // Activity ids appear in expression paths ("activities.review.outcome"), so no dots or dashes.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex ActivityIdPattern();

    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        if (!IdPattern().IsMatch(definition.Id ?? ""))
            errors.Add(new("id", "invalid-id", "The id must start with a lower-case letter and use only a-z, 0-9, '.', '_' and '-' (at most 100)."));
        if (string.IsNullOrWhiteSpace(definition.Name))
            errors.Add(new("name", "required", "The name is required."));
        CheckParameters(definition.Variables, "variables", errors);
        CheckParameters(definition.Inputs, "inputs", errors);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var duplicate in definition.AllActivities.Where(a => !seen.Add(a.Id)).Select(a => a.Id).Distinct())
            errors.Add(new("flowchart", "duplicate-id", $"Activity id '{duplicate}' is used more than once.", duplicate));

        var starts = definition.Flowchart.Activities.Count(a => a.Type == BuiltInActivityTypes.Start);
        if (starts == 0)
            errors.Add(new("flowchart", "no-start", "The flowchart has no Start activity."));
        else if (starts > 1)
            errors.Add(new("flowchart", "several-starts", "The flowchart has more than one Start activity."));

        CheckFlowchart(definition, definition.Flowchart, "flowchart", isBody: false, errors);
        return errors;
    }

    private static void CheckParameters(IReadOnlyList<VariableDefinition> parameters, string path, List<ValidationError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (string.IsNullOrWhiteSpace(p.Name))
                errors.Add(new($"{path}[{i}].name", "required", "A name is required."));
            else if (!names.Add(p.Name))
                errors.Add(new($"{path}[{i}].name", "duplicate-name", $"'{p.Name}' is declared twice."));
            if (p.Default is not null && p.ProblemWith(p.Default) is { } problem)
                errors.Add(new($"{path}[{i}].default", "wrong-type", $"The default does not fit: {problem}"));
            if (p.Choices is not null && p.Type is not (ValueKind.String or ValueKind.Any))
                errors.Add(new($"{path}[{i}].choices", "wrong-type", "Only text parameters can have choices."));
            if (p.ItemFields is { } fields)
            {
                if (p.Type != ValueKind.Array)
                    errors.Add(new($"{path}[{i}].itemFields", "wrong-type", "Only a list (array) parameter has item fields."));
                if (fields.Any(f => f.ItemFields is not null))
                    errors.Add(new($"{path}[{i}].itemFields", "too-deep", "Item fields are one level deep: an item field has no item fields."));
                CheckParameters(fields, $"{path}[{i}].itemFields", errors);
            }
        }
    }

    private void CheckFlowchart(WorkflowDefinition definition, Flowchart flowchart, string path, bool isBody, List<ValidationError> errors)
    {
        var byId = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var node in flowchart.Activities) byId.TryAdd(node.Id, node);
        var inbound = flowchart.Connections.GroupBy(c => c.Target).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        for (var i = 0; i < flowchart.Activities.Count; i++)
        {
            var node = flowchart.Activities[i];
            var at = $"{path}.activities[{i}]";
            if (string.IsNullOrWhiteSpace(node.Id))
                errors.Add(new($"{at}.id", "required", "Every activity needs an id."));
            else if (!ActivityIdPattern().IsMatch(node.Id))
                errors.Add(new($"{at}.id", "invalid-id", $"Activity id '{node.Id}' must start with a letter and use only letters, digits and '_' (expressions refer to it).", node.Id));
            var activity = registry.Find(node.Type);
            if (activity is null)
            {
                errors.Add(new($"{at}.type", "unknown-type", $"'{node.Type}' is not a known activity type.", node.Id));
                continue;
            }
            if (isBody && node.Type == BuiltInActivityTypes.Start)
                errors.Add(new($"{at}.type", "start-in-body", "A body starts at its activities without inbound connections; it has no Start.", node.Id));
            CheckInputs(definition, node, activity.Descriptor, at, errors);
            foreach (var problem in activity.Validate(node))
                errors.Add(new(at, "invalid-activity", problem, node.Id));
            if (activity.Descriptor.IsJoin && inbound.GetValueOrDefault(node.Id) < 2)
                errors.Add(new(at, "join-needs-branches", $"Join '{node.Id}' has {inbound.GetValueOrDefault(node.Id)} inbound connection(s); it needs at least two.", node.Id));
            if (activity.Descriptor.Container && node.Body is null)
                errors.Add(new($"{at}.body", "body-required", $"'{node.Id}' needs a body: the activities it runs per item.", node.Id));
            if (!activity.Descriptor.Container && node.Body is not null)
                errors.Add(new($"{at}.body", "body-not-allowed", $"A {node.Type} has no body.", node.Id));
            if (node.Body is { } body)
            {
                if (body.Activities.Count == 0)
                    errors.Add(new($"{at}.body", "body-empty", $"The body of '{node.Id}' has no activities.", node.Id));
                CheckFlowchart(definition, body, $"{at}.body", isBody: true, errors);
            }
        }

        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            var c = flowchart.Connections[i];
            var at = $"{path}.connections[{i}]";
            if (!byId.TryGetValue(c.Source, out var source))
                errors.Add(new($"{at}.source", "missing-activity", $"The connection starts at '{c.Source}', which is not in this flowchart."));
            else if (registry.Find(source.Type) is { } sourceType && !sourceType.OutcomesOf(source).Contains(c.Outcome, StringComparer.Ordinal))
                errors.Add(new($"{at}.outcome", "unknown-outcome",
                    $"'{c.Source}' has no outcome '{c.Outcome}'; its outcomes are: {string.Join(", ", sourceType.OutcomesOf(source))}.", c.Source));
            if (!byId.ContainsKey(c.Target))
                errors.Add(new($"{at}.target", "missing-activity", $"The connection leads to '{c.Target}', which is not in this flowchart."));
        }

        for (var i = 0; i < flowchart.Connections.Count; i++)
            if (byId.TryGetValue(flowchart.Connections[i].Target, out var target) && target.Type == BuiltInActivityTypes.Start)
                errors.Add(new($"{path}.connections[{i}].target", "into-start",
                    $"A connection leads back into Start '{target.Id}'; the start runs once, so loop to the first activity after it instead.", target.Id));
        foreach (var loop in LoopsWithoutWaiting(flowchart, byId))
            errors.Add(new(path, "loop-without-wait",
                $"The activities {string.Join(" → ", loop)} form a loop with nothing to wait on (no task, timer or message): it would run forever in one step. Put a waiting activity in the loop or leave it through a decision.",
                loop[0]));

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(flowchart.EntryActivities().Select(a => a.Id));
        while (pending.TryDequeue(out var id))
        {
            if (!reachable.Add(id)) continue;
            foreach (var c in flowchart.Connections.Where(c => c.Source == id))
                pending.Enqueue(c.Target);
        }
        for (var i = 0; i < flowchart.Activities.Count; i++)
            if (!reachable.Contains(flowchart.Activities[i].Id))
                errors.Add(new($"{path}.activities[{i}]", "unreachable", $"'{flowchart.Activities[i].Id}' can never run: no path leads to it from the start.", flowchart.Activities[i].Id));
    }

    /// <summary>Whether running <paramref name="node"/> can make the instance wait: a blocking activity, or a container whose body has one.</summary>
    private bool Waits(ActivityNode node) =>
        registry.Find(node.Type) is { } activity
        && (activity.Descriptor.Blocking || (node.Body is { } body && body.Activities.Any(Waits)));

    /// <summary>
    /// Every cycle of connections among activities that never wait (strongly connected components of more than one
    /// activity, or an activity connected to itself), each as the ids on it. Such a loop can only spin.
    /// </summary>
    private List<List<string>> LoopsWithoutWaiting(Flowchart flowchart, Dictionary<string, ActivityNode> byId)
    {
        var edges = flowchart.Connections
            .Where(c => byId.TryGetValue(c.Source, out var s) && byId.TryGetValue(c.Target, out var t) && !Waits(s) && !Waits(t))
            .GroupBy(c => c.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Target).Distinct().ToList(), StringComparer.Ordinal);
        // Tarjan's algorithm, iterative enough for designer-sized graphs (recursion depth = longest path).
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var loops = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1 || edges.GetValueOrDefault(v)?.Contains(v) == true)
            {
                component.Reverse();
                loops.Add(component);
            }
        }
        foreach (var node in flowchart.Activities.Where(a => !index.ContainsKey(a.Id) && byId[a.Id] == a))
            Visit(node.Id);
        return loops;
    }

    private static void CheckInputs(WorkflowDefinition definition, ActivityNode node, ActivityDescriptor descriptor, string at, List<ValidationError> errors)
    {
        var known = descriptor.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var (name, value) in node.Inputs)
        {
            var path = $"{at}.inputs.{name}";
            if (!known.TryGetValue(name, out var input))
            {
                errors.Add(new(path, "unknown-input", $"{node.Type} has no input '{name}'.", node.Id));
                continue;
            }
            if (value.IsExpression)
            {
                foreach (var problem in JsonLogicValidator.Validate(value.Expression))
                    errors.Add(new(path, "bad-expression", problem, node.Id));
            }
            else
            {
                if (TypeProblem(definition, input, value.Literal) is { } problem)
                    errors.Add(new(path, "wrong-type", problem, node.Id));
                if (!input.Deferred)
                    foreach (var nested in NestedExpressions(value.Literal))
                        foreach (var problem2 in JsonLogicValidator.Validate(nested))
                            errors.Add(new(path, "bad-expression", problem2, node.Id));
            }
        }
        foreach (var input in descriptor.Inputs)
            if (input.Required && input.Default is null && (!node.Inputs.TryGetValue(input.Name, out var v) || (!v.IsExpression && v.Literal is null)))
                errors.Add(new($"{at}.inputs.{input.Name}", "required", $"{node.Type} '{node.Id}' needs input '{input.Name}' ({input.Label.Zh}).", node.Id));
    }

    private static IEnumerable<JsonNode?> NestedExpressions(JsonNode? literal)
    {
        switch (literal)
        {
            case JsonObject obj when obj.Count == 1 && obj.TryGetPropertyValue(InputValueJsonConverter.ExpressionKey, out var rule):
                yield return rule;
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                    foreach (var nested in NestedExpressions(value)) yield return nested;
                break;
            case JsonArray array:
                foreach (var item in array)
                    foreach (var nested in NestedExpressions(item)) yield return nested;
                break;
        }
    }

    private static string? TypeProblem(WorkflowDefinition definition, InputDescriptor input, JsonNode? literal)
    {
        if (literal is null) return null;
        var kind = literal.GetValueKind();
        bool Is(JsonValueKind k) => kind == k;
        return input.Kind switch
        {
            // Texts people read may be given in both languages: {"zh": ..., "en": ...}.
            InputKind.Text or InputKind.LongText when !Is(JsonValueKind.String) && !(literal is JsonObject o && o["zh"] is not null) =>
                $"'{input.Name}' must be text (or {{\"zh\": ..., \"en\": ...}}).",
            InputKind.Agency or InputKind.Role when !Is(JsonValueKind.String) => $"'{input.Name}' must be text.",
            InputKind.Choice when !Is(JsonValueKind.String) || (input.Choices is { } c && !c.Contains(literal.GetValue<string>())) =>
                $"'{input.Name}' must be one of: {string.Join(", ", input.Choices ?? [])}.",
            InputKind.Number when !Is(JsonValueKind.Number) => $"'{input.Name}' must be a number.",
            InputKind.Integer when !ValueKinds.Accepts(ValueKind.Integer, literal) => $"'{input.Name}' must be a whole number.",
            InputKind.Boolean or InputKind.Condition when !Is(JsonValueKind.True) && !Is(JsonValueKind.False) => $"'{input.Name}' must be true or false (or an expression).",
            InputKind.StringList or InputKind.Agencies when !ValueKinds.Accepts(ValueKind.StringList, literal) => $"'{input.Name}' must be a list of text.",
            InputKind.Variable when !Is(JsonValueKind.String) || definition.Variables.All(v => v.Name != literal.GetValue<string>()) =>
                $"'{input.Name}' must name a declared variable.",
            InputKind.Definition when !Is(JsonValueKind.String) => $"'{input.Name}' must be a definition id.",
            InputKind.Outcomes or InputKind.Cases when !Is(JsonValueKind.Array) => $"'{input.Name}' must be a list.",
            InputKind.FormSchema or InputKind.Duration when !Is(JsonValueKind.Object) && !Is(JsonValueKind.String) => $"'{input.Name}' must be an object.",
            _ => null,
        };
    }
}
