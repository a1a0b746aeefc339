using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Validation;
using ConsultFlow.Server.Features.AgencyDirectory;

namespace ConsultFlow.Server.Features.Definitions;

/// <summary>
/// What the engine's validator cannot know: the agency types and roles a definition names (starters, agency-typed
/// inputs and form fields) must be the directory's, or the rule would silently let nobody (or everybody) through.
/// </summary>
public static class DirectoryDeclarations
{
    public static IReadOnlyList<ValidationError> Check(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        void Types(IEnumerable<string>? names, string path, string? activityId = null)
        {
            foreach (var name in names ?? [])
                if (!AgencyTypeNames.IsKnown(name))
                    errors.Add(new(path, "unknown-agency-type", $"'{name}' is not an agency type of the directory ({string.Join(", ", Enum.GetValues<AgencyType>().Select(AgencyTypeNames.Of))}).", activityId));
        }
        for (var i = 0; i < (definition.Starters?.Count ?? 0); i++)
        {
            var rule = definition.Starters![i];
            if (rule.AgencyTypes.Count == 0)
                errors.Add(new($"starters[{i}].agencyTypes", "required", "A starter rule names at least one agency type."));
            Types(rule.AgencyTypes, $"starters[{i}].agencyTypes");
            foreach (var role in rule.Roles.Where(r => !DirectoryRoles.IsKnown(r)))
                errors.Add(new($"starters[{i}].roles", "unknown-role", $"'{role}' is not a role of the directory ({string.Join(", ", DirectoryRoles.All)})."));
        }
        for (var i = 0; i < definition.Inputs.Count; i++)
        {
            var input = definition.Inputs[i];
            Types(input.AgencyTypes, $"inputs[{i}].agencyTypes");
            for (var j = 0; j < (input.ItemFields?.Count ?? 0); j++)
                Types(input.ItemFields![j].AgencyTypes, $"inputs[{i}].itemFields[{j}].agencyTypes");
            if (input.ActingAgency && input.Type is not (ValueKind.Agency or ValueKind.Agencies))
                errors.Add(new($"inputs[{i}].actingAgency", "wrong-type", "Only an agency input can name the acting agency."));
        }
        foreach (var node in definition.AllActivities)
            if (node.Inputs.TryGetValue("form", out var form) && !form.IsExpression && form.Literal is { } literal)
            {
                FormSchema? schema;
                try { schema = System.Text.Json.JsonSerializer.Deserialize<FormSchema>(literal, WorkflowJson.Options); }
                catch (System.Text.Json.JsonException) { continue; } // the engine's validator reports a malformed form
                foreach (var field in schema?.Fields ?? [])
                    Types(field.AgencyTypes, $"{node.Id}.form.{field.Key}.agencyTypes", node.Id);
            }
        return errors;
    }
}
