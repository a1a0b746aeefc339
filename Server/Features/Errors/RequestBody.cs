using System.Text.Json;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Text;

namespace ConsultFlow.Server.Features.Errors;

/// <summary>Reads a JSON body with the engine's options; malformed JSON becomes a 400 problem naming where it broke.</summary>
public static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            throw new BadHttpRequestException("Send the body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        T? body;
        try { body = await JsonSerializer.DeserializeAsync<T>(request.Body, WorkflowJson.Options, ct); }
        catch (ArgumentException e) { throw WorkflowJson.DuplicateKey(e); }
        return body ?? throw new JsonException(Bilingual.Say("请求内容须为JSON对象。", "The body must be a JSON object, not null."));
    }

    /// <summary>Rejects a request whose required fields are missing, naming every one.</summary>
    public static void Require(params (string Field, bool Present)[] fields)
    {
        var missing = fields.Where(f => !f.Present).Select(f => new FieldError(f.Field, Bilingual.Say($"请填写“{f.Field}”。", $"'{f.Field}' is required."))).ToList();
        if (missing.Count > 0) throw new EngineException(EngineErrorCode.Invalid, Bilingual.Say("缺少必填项。", "Required fields are missing."), missing);
    }
}
