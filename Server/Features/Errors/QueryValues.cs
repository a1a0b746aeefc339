using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Server.Features.Errors;

/// <summary>Query-string values parsed the way the JSON is written (camelCase enums), with problems naming the parameter.</summary>
public static class QueryValues
{
    public static TEnum? Enum<TEnum>(string? value, string parameter) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
            return parsed;
        var allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        throw new EngineException(EngineErrorCode.Invalid, $"'{value}' is not a valid {parameter}.", [new(parameter, $"Use one of: {allowed}.")]);
    }
}
