using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Text;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// Checks agency codes people submit (start inputs, task forms) against the directory: the agency must exist and be of
/// one of the types the field accepts, so a case never reaches an agency nobody can see or one that may not receive it
/// (a referral forwarded to a bureau that is not a police office). The directory is read once per check.
/// </summary>
public sealed class AgencyFieldCheck(ServerDbContext db)
{
    /// <summary>One submitted code: where it was given (for the problem), the field's label and the types it accepts.</summary>
    public sealed record Value(string Field, string Label, string Code, IReadOnlyList<string>? AgencyTypes);

    public async Task<IReadOnlyList<FieldError>> CheckAsync(IReadOnlyCollection<Value> values, CancellationToken ct)
    {
        if (values.Count == 0) return [];
        var codes = values.Select(v => v.Code).Distinct().ToList();
        var known = await db.Agencies.AsNoTracking().Where(a => codes.Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, a => (a.Type, Name: a.NameZh), ct);
        var errors = new List<FieldError>();
        foreach (var value in values)
        {
            if (!known.TryGetValue(value.Code, out var agency))
                errors.Add(new(value.Field, Bilingual.Say($"“{value.Label}”：名录中没有单位“{value.Code}”。", $"'{value.Label}': '{value.Code}' is not an agency in the directory.")));
            else if (agency.Type == AgencyType.System || (value.AgencyTypes is { Count: > 0 } types && !types.Contains(AgencyTypeNames.Of(agency.Type))))
                errors.Add(new(value.Field, Bilingual.Say(
                    $"“{value.Label}”只能选择{AgencyTypeNames.Display(value.AgencyTypes ?? [])}，{agency.Name}（{value.Code}）是{AgencyTypeNames.Display(agency.Type)}。",
                    $"'{value.Label}' takes only {AgencyTypeNames.Display(value.AgencyTypes ?? [])}; {value.Code} is a {AgencyTypeNames.Display(agency.Type)}.")));
        }
        return errors;
    }

    /// <summary>
    /// Checks a task answer's agency fields, from a person or an agency's system alike: the form's own rules first
    /// (cheap, and they name every field; the engine applies them), then the directory. Throws a 422 naming the fields.
    /// </summary>
    public async Task CheckAnswerAsync(FormSchema form, JsonObject? data, string? outcome, CancellationToken ct)
    {
        if (FormValidator.Validate(form, data, outcome) is { Count: > 0 }) return;
        if (await CheckAsync(AgencyValues(form, data), ct) is { Count: > 0 } errors)
            throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("表单中的单位不符合要求。", "The form names agencies it may not."), errors);
    }

    /// <summary>The agency codes given in the form's agency fields, each with where it was given.</summary>
    private static List<Value> AgencyValues(FormSchema form, JsonObject? data) =>
        form.Fields.Where(f => f.Type is FormFieldType.Agency or FormFieldType.Agencies)
            .SelectMany(field => CodesIn(data?[field.Key], $"data.{field.Key}").Select(c => new Value(c.Path, field.DisplayName, c.Code, field.AgencyTypes)))
            .ToList();

    /// <summary>The text values of an agency field (one code, or a list of codes), each with its path ("x" or "x[2]").</summary>
    public static IEnumerable<(string Code, string Path)> CodesIn(JsonNode? value, string path)
    {
        var items = value is JsonArray list ? list.Select((v, i) => (v, $"{path}[{i}]")) : [(value, path)];
        foreach (var (item, at) in items)
            if (item is JsonValue text && text.TryGetValue<string>(out var code))
                yield return (code, at);
    }

    /// <summary>The type of <paramref name="code"/>'s agency, or null when the directory has no such agency.</summary>
    public async Task<AgencyType?> TypeOfAsync(string code, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Where(a => a.Code == code).Select(a => (AgencyType?)a.Type).SingleOrDefaultAsync(ct);
}
