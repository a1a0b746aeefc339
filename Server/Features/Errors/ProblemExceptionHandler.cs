using System.Text.RegularExpressions;
using System.Text.Json;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ConsultFlow.Server.Features.Errors;

/// <summary>
/// Turns refused requests into RFC 7807 problem details naming the offending fields; anything else stays a 500 and
/// is logged. Engine refusals are thrown before anything is saved, so a 4xx never leaves a partial write behind.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, errors) = exception switch
        {
            EngineException e => (StatusOf(e.Code), InChineseFirst(e.Code, e.Message), e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray())),
            JsonException e => (StatusCodes.Status400BadRequest, Bilingual.Say("请求内容不是本接口可接受的JSON。", "The request body is not valid JSON for this endpoint."),
                new Dictionary<string, string[]> { [e.Path ?? "$"] = [JsonProblem(e)] }),
            BadHttpRequestException e => (e.StatusCode, e.Message, BoundParameter(e) is { } parameter
                ? new Dictionary<string, string[]> { [parameter] = ["值的格式不正确。(The value is not of the expected form.)"] }
                : new Dictionary<string, string[]>()),
            ForbiddenException e => (StatusCodes.Status403Forbidden, e.Message, e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray())),
            _ => (0, "", new Dictionary<string, string[]>()),
        };
        if (status == 0) return false;

        var problem = new ValidationProblemDetails(errors) { Status = status, Title = title, Type = $"https://consultflow/problems/{status}" };
        // A refusal written in English only keeps its words as the detail under a Chinese title.
        if (exception is EngineException { Message: var said } && title != said) problem.Detail = said;
        if (exception is EngineException engine) problem.Extensions["code"] = engine.Code.ToString();
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    // ASP.NET names a query or route value it could not bind only in its message: 'Failed to bind parameter "int? skip"'.
    [GeneratedRegex(@"parameter ""(?:[^""]*\s)?(?<name>\w+)""")]
    private static partial Regex BindFailure();

    private static string? BoundParameter(BadHttpRequestException e) =>
        BindFailure().Match(e.Message) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>Says what is wrong with a value without naming the server's internal types or echoing the parser.</summary>
    private static string JsonProblem(JsonException e) => e.Message switch
    {
        var m when m.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) =>
            Bilingual.Say("值的类型不正确。", "The value has the wrong type."),
        var m when m.Contains("uplicate", StringComparison.Ordinal) =>
            Bilingual.Say("同一对象中出现了重复的键。", "A JSON object repeats a key."),
        var m when m.Contains("ConsultFlow.", StringComparison.Ordinal) || m.Contains("System.", StringComparison.Ordinal) =>
            Bilingual.Say("内容格式不正确。", "The content is not of the expected form."),
        var m => m.Split(" Path:", 2)[0],
    };

    /// <summary>
    /// The title people read: the refusal's own words when they are already Chinese (or bilingual), otherwise a Chinese
    /// title for its kind (English when the UI language is English: then the words themselves).
    /// </summary>
    private static string InChineseFirst(EngineErrorCode code, string message)
    {
        if (message.Any(c => c is >= '\u4e00' and <= '\u9fff')) return message;
        return Bilingual.Say(code switch
        {
            EngineErrorCode.NotFound => "未找到所请求的内容，或您无权查看。",
            EngineErrorCode.Invalid => "请求内容不符合要求。",
            EngineErrorCode.Conflict => "与当前状态冲突（可能已被他人处理），请刷新后重试。",
            EngineErrorCode.IdempotencyKeyReused => "该请求标识已用于另一内容不同的请求。",
            _ => "请求无法处理。",
        }, message);
    }

    private static int StatusOf(EngineErrorCode code) => code switch
    {
        EngineErrorCode.NotFound => StatusCodes.Status404NotFound,
        EngineErrorCode.Invalid => StatusCodes.Status422UnprocessableEntity,
        EngineErrorCode.Conflict => StatusCodes.Status409Conflict,
        EngineErrorCode.IdempotencyKeyReused => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
