using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Web.Tests.Infrastructure;

/// <summary>One signed-in user talking to the API over real HTTP with its own cookie jar (for setup and checks).</summary>
public sealed class ApiSession(HttpClient http, string id, string userName, string agency) : IDisposable
{
    public HttpClient Http { get; } = http;
    public string Id { get; } = id;
    public string UserName { get; } = userName;
    public string Agency { get; } = agency;

    public static async Task<ApiSession> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        // As the web app's client does: state-changing requests without it are refused as cross-site.
        http.DefaultRequestHeaders.Add("X-ConsultFlow-Request", "1");
        var response = await http.PostAsJsonAsync("api/auth/sign-in", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var me = (await http.GetFromJsonAsync<JsonObject>("api/auth/me"))!;
        return new ApiSession(http, me["id"]!.GetValue<string>(), me["userName"]!.GetValue<string>(), me["agency"]!.GetValue<string>());
    }

    /// <summary>GET that must answer 200 with JSON.</summary>
    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path.TrimStart('/'));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{UserName}: GET {path} answered {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>POST (or PUT) of JSON; the answer as it came.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, JsonNode? body) =>
        Http.SendAsync(new HttpRequestMessage(method, path.TrimStart('/'))
        {
            Content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8, "application/json"),
        });

    /// <summary>POST of JSON that must succeed (2xx); the answer's JSON (null for 204).</summary>
    public async Task<JsonNode?> PostJsonAsync(string path, JsonNode? body)
    {
        var response = await SendJsonAsync(HttpMethod.Post, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{UserName}: POST {path} answered {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public void Dispose() => Http.Dispose();
}
