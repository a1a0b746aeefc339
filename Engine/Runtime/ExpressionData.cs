using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// Builds the data object JSON Logic rules see: <c>variables</c>, <c>input</c>, <c>activities</c> (outputs of completed
/// activities by id, the innermost scope's first), <c>profile</c> (the deployment profile), <c>now</c>, and inside a
/// container's body <c>item</c> and <c>index</c>.
/// Copies are made because a JSON node can only have one parent and rules must never alter the state.
/// </summary>
internal static class ExpressionData
{
    public static JsonObject For(RunContext run, Guid? scopeId, IReadOnlyDictionary<string, JsonNode?>? pendingVariables = null)
    {
        var state = run.State;
        var variables = (JsonObject)state.Variables.DeepClone();
        if (pendingVariables is not null)
            foreach (var (name, value) in pendingVariables)
                variables[name] = value?.DeepClone();

        var activities = (JsonObject)state.Outputs.DeepClone();
        var data = new JsonObject
        {
            ["variables"] = variables,
            ["input"] = state.Input.DeepClone(),
            ["activities"] = activities,
            ["profile"] = run.Environment.ProfileJson.DeepClone(),
            ["now"] = run.Now.ToString("O"),
        };

        // Walk from the innermost scope outwards; the innermost scope's item and outputs win.
        var scopes = new List<ScopeState>();
        for (var id = scopeId; id is not null;)
        {
            var scope = state.Scopes.First(s => s.Id == id);
            scopes.Add(scope);
            id = scope.ParentScopeId;
        }
        foreach (var scope in Enumerable.Reverse(scopes))
            foreach (var (activityId, output) in scope.Outputs)
                activities[activityId] = output?.DeepClone();
        if (scopes.Count > 0)
        {
            data["item"] = scopes[0].Item?.DeepClone();
            data["index"] = scopes[0].Index;
        }
        return data;
    }
}
