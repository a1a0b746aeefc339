using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>
/// One person at one browser: an HttpClient over a real socket with its own cookie jar, signed in through
/// POST /api/auth/sign-in, and who the server says it is (GET /api/auth/me).
/// </summary>
public sealed class UserSession(HttpClient http, CookieContainer cookies, string id, string userName, string agency) : IDisposable
{
    public HttpClient Http { get; } = http;

    /// <summary>The session cookie lives here, for requests sent without HttpClient.</summary>
    public CookieContainer Cookies { get; } = cookies;

    /// <summary>The user's id, as the journal names the actor.</summary>
    public string Id { get; } = id;

    public string UserName { get; } = userName;

    public string Agency { get; } = agency;

    /// <summary>The header the web app sends with every request; without it (or a same-site Origin) the server refuses state changes.</summary>
    public const string RequestHeader = "X-ConsultFlow-Request";

    /// <summary>A client with <paramref name="cookies"/>; it sends <see cref="RequestHeader"/> as the web app does unless <paramref name="asWebApp"/> is false.</summary>
    public static HttpClient NewClient(Uri baseAddress, CookieContainer cookies, bool asWebApp = true)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (asWebApp) client.DefaultRequestHeaders.Add(RequestHeader, "1");
        return client;
    }

    public static async Task<UserSession> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var cookies = new CookieContainer();
        var http = NewClient(baseAddress, cookies);
        var response = await http.PostAsJsonAsync("api/auth/sign-in", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var me = (await http.GetFromJsonAsync<JsonObject>("api/auth/me"))!;
        return new UserSession(http, cookies, me["id"]!.GetValue<string>(), me["userName"]!.GetValue<string>(), me["agency"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(Relative(path));

    /// <summary>GET that must succeed with JSON.</summary>
    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(Relative(path));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{UserName}: GET {path} answered {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode? body) =>
        PostRawAsync(path, body?.ToJsonString() ?? "", "application/json");

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType) =>
        Http.PostAsync(Relative(path), new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>POST that must succeed (200 or 201) with JSON.</summary>
    public async Task<JsonNode> PostOkAsync(string path, JsonNode? body)
    {
        var response = await PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException($"{UserName}: POST {path} answered {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public void Dispose() => Http.Dispose();

    // The base address ends in "/", so paths are resolved relative to it.
    private static string Relative(string path) => path.TrimStart('/');
}
