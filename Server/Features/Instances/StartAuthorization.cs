using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Text;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Instances;

/// <summary>
/// Who may start what, in whose name. A start acts for the caller's own agency: inputs the definition marks as the
/// acting agency are filled with it and any other value is refused (403 naming the field). Only the coordination
/// office's coordinators and administrators — never an API client — may act for another agency, and only with a reason, which the case and its
/// journal keep. The definition's starter rules are checked against the agency acted for.
/// </summary>
public sealed class StartAuthorization(AgencyFieldCheck agencies)
{
    public const int MaxReasonLength = 500;

    /// <summary>Whether <paramref name="user"/>, of an agency of <paramref name="agencyType"/>, may start <paramref name="definition"/> in its own name.</summary>
    public static bool MayStart(WorkflowDefinition definition, CurrentUser user, AgencyType? agencyType) =>
        RulesAllow(definition.Starters, agencyType, user.HasRole) || MayActForOthers(user, agencyType);

    /// <summary>No rules, or one that names the agency's type and (when it names roles) a role held.</summary>
    private static bool RulesAllow(IReadOnlyList<StarterRule>? rules, AgencyType? agencyType, Func<string, bool> holds) =>
        rules is null
        || (agencyType is { } type && rules.Any(r => r.AgencyTypes.Contains(AgencyTypeNames.Of(type)) && (r.Roles.Count == 0 || r.Roles.Any(holds))));

    /// <summary>
    /// The coordination office's exception: administrators and the office's coordinators (a coordinator of a member
    /// agency is its liaison, not the office), signed in as people. <paramref name="agencyType"/> is the caller's agency's.
    /// </summary>
    public static bool MayActForOthers(CurrentUser user, AgencyType? agencyType) =>
        !user.IsApiClient && (user.IsAdministrator || (user.IsCoordinator && agencyType == AgencyType.CoordinationOffice));

    /// <summary>Fills and checks the acting-agency inputs of <paramref name="input"/>; returns the recorded exception, if any.</summary>
    public async Task<ActingFor?> AuthorizeAsync(WorkflowDefinition definition, CurrentUser user, JsonObject input,
        ActingForRequest? request, CancellationToken ct)
    {
        var actingFor = await ActingForAsync(user, request, ct);
        var agency = actingFor?.Agency ?? user.Agency;
        var agencyType = await agencies.TypeOfAsync(agency, ct);

        // Acting for an agency, the office starts what that agency could start; its own roles are the office's, not theirs.
        if (!RulesAllow(definition.Starters, agencyType, actingFor is null ? user.HasRole : _ => true))
            throw new ForbiddenException(Bilingual.Say(
                $"本流程只能由{Describe(definition.Starters!)}发起；会商办代其他单位发起须注明代发起单位和理由。",
                $"This workflow is started only by {Describe(definition.Starters!)}."));

        var errors = new List<FieldError>();
        foreach (var parameter in definition.Inputs.Where(p => p.ActingAgency))
        {
            var field = $"input.{parameter.Name}";
            input.TryGetPropertyValue(parameter.Name, out var given);
            if (parameter.Type == ValueKind.Agency)
            {
                if (given is null || (given.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(given.GetValue<string>())))
                    input[parameter.Name] = agency;
                else if (given.GetValueKind() != JsonValueKind.String || given.GetValue<string>() != agency)
                    errors.Add(new(field, NotInOwnName(parameter, agency, actingFor)));
            }
            else if (parameter.Type == ValueKind.Agencies && given is JsonArray list
                && !list.Any(i => i?.GetValueKind() == JsonValueKind.String && i.GetValue<string>() == agency))
            {
                errors.Add(new(field, Bilingual.Say(
                    $"“{parameter.DisplayName}”须包含您所在的单位（{agency}）。",
                    $"'{parameter.DisplayName}' must include your own agency ({agency}).")));
            }
        }
        if (errors.Count > 0)
            throw new ForbiddenException(Bilingual.Say("只能以本单位的名义发起。", "A case is started in one's own agency's name only."), errors);
        return actingFor;
    }

    /// <summary>Checks every agency-typed input against the directory (existence and the input's agency types).</summary>
    public async Task CheckAgencyInputsAsync(WorkflowDefinition definition, JsonObject input, CancellationToken ct)
    {
        var values = new List<AgencyFieldCheck.Value>();
        foreach (var parameter in definition.Inputs)
        {
            input.TryGetPropertyValue(parameter.Name, out var value);
            AddAgencyValues(parameter, value, $"input.{parameter.Name}", values);
            // Agencies inside list items (a dispute's positions, a task table's responsible units) are checked alike.
            if (parameter.ItemFields is { } fields && value is JsonArray rows)
                for (var i = 0; i < rows.Count; i++)
                    if (rows[i] is JsonObject row)
                        foreach (var field in fields)
                            AddAgencyValues(field, row[field.Name], $"input.{parameter.Name}[{i}].{field.Name}", values);
        }
        if (await agencies.CheckAsync(values, ct) is { Count: > 0 } errors)
            throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("启动参数中的单位不符合要求。", "The input names agencies it may not."), errors);
    }

    private static void AddAgencyValues(VariableDefinition parameter, JsonNode? value, string path, List<AgencyFieldCheck.Value> values)
    {
        if (parameter.Type is not (ValueKind.Agency or ValueKind.Agencies)) return;
        values.AddRange(AgencyFieldCheck.CodesIn(value, path).Where(c => !string.IsNullOrWhiteSpace(c.Code))
            .Select(c => new AgencyFieldCheck.Value(c.Path, parameter.DisplayName, c.Code, parameter.AgencyTypes)));
    }

    private async Task<ActingFor?> ActingForAsync(CurrentUser user, ActingForRequest? request, CancellationToken ct)
    {
        var code = request?.Agency?.Trim();
        if (string.IsNullOrEmpty(code) || code == user.Agency) return null;
        if (!MayActForOthers(user, await agencies.TypeOfAsync(user.Agency, ct)))
            throw new ForbiddenException(Bilingual.Say("只有会商办协调员或系统管理员可以代其他单位发起。", "Only coordinators and administrators may act for another agency."),
                [new("actingFor.agency", Bilingual.Say("您只能以本单位的名义发起。", "You act for your own agency only."))]);
        var errors = new List<FieldError>();
        var reason = request!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors.Add(new("actingFor.reason", Bilingual.Say("代其他单位发起须说明理由。", "Say why you act for another agency.")));
        else if (TextRules.ProblemWith(reason, Bilingual.Say("代发起理由", "reason"), MaxReasonLength) is { } problem)
            errors.Add(new("actingFor.reason", problem));
        var type = await agencies.TypeOfAsync(code, ct);
        if (type is null or AgencyType.System)
            errors.Add(new("actingFor.agency", Bilingual.Say($"名录中没有单位“{code}”。", $"'{code}' is not an agency in the directory.")));
        if (errors.Count > 0)
            throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("代发起的信息不完整。", "The acting-for details are not valid."), errors);
        return new ActingFor(code, reason!);
    }

    private static string NotInOwnName(VariableDefinition parameter, string agency, ActingFor? actingFor) => actingFor is null
        ? Bilingual.Say($"“{parameter.DisplayName}”只能是您所在的单位（{agency}）；会商办代其他单位发起须注明代发起单位和理由。",
            $"'{parameter.DisplayName}' can only be your own agency ({agency}); the coordination office may act for another with a reason.")
        : Bilingual.Say($"“{parameter.DisplayName}”须为代发起的单位（{agency}）。", $"'{parameter.DisplayName}' must be the agency acted for ({agency}).");

    private static string Describe(IEnumerable<StarterRule> rules) =>
        AgencyTypeNames.Display(rules.SelectMany(r => r.AgencyTypes).Distinct());
}
