using System.Net;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>Checks that a refused request came back as an RFC 7807 problem with the expected status and field names.</summary>
public static class ProblemAssertions
{
    /// <summary>
    /// The response is <paramref name="status"/> with an application/problem+json body whose "status" agrees and whose
    /// "errors" name every one of <paramref name="fields"/>. Returns the problem.
    /// </summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        response.StatusCode.Should().Be(status, "{0} answered {1}", request, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "{0} answered {1}", request, text);
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        if (fields.Length > 0)
        {
            var named = problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
            named.Should().Contain(fields, "{0} answered {1}", request, text);
        }
        return problem;
    }
}
