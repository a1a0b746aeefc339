using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using ConsultFlow.Server.Tests.EndToEnd.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// Sessions, headers and sign-in as a security reviewer tries them over real HTTP: a cookie copied before sign-out or
/// before a password change, a TLS proxy in front, a page of another site posting with the victim's cookie, a stranger
/// guessing passwords for a name that exists and for one that does not. The server plays behind a known proxy on
/// loopback (<see cref="ProxiedLoopbackServer"/>), so each test is its own client address.
/// </summary>
public sealed class SessionAbuseTests(ProxiedLoopbackServer server) : IClassFixture<ProxiedLoopbackServer>
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        using var staff = await server.SignInAsync("wlj-staff");
        var copied = staff.Cookies.GetCookieHeader(server.BaseAddress);
        (await MeWithCookieAsync(copied)).Should().Be(HttpStatusCode.OK, "the copy is good while the session lasts");

        (await staff.PostJsonAsync("/api/auth/sign-out", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await MeWithCookieAsync(copied)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_keeps_the_one_that_changed_it()
    {
        using var here = await server.SignInAsync("zhzf-staff");
        using var elsewhere = await server.SignInAsync("zhzf-staff");
        var copied = here.Cookies.GetCookieHeader(server.BaseAddress);

        await here.PostOkAsync("/api/auth/password", new JsonObject
        {
            ["currentPassword"] = LoopbackServer.DemoPassword, ["newPassword"] = "Changed-password-2026-for-zhzf",
        });

        (await elsewhere.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await MeWithCookieAsync(copied)).Should().Be(HttpStatusCode.Unauthorized, "the cookie from before the change is void");
        (await here.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK, "the session that changed it was issued afresh");
    }

    [Fact]
    public async Task Behind_a_known_tls_proxy_the_session_cookie_is_secure()
    {
        var overTls = await SignInFromAsync("10.20.0.1", "xhz-staff", LoopbackServer.DemoPassword, proto: "https");
        overTls.StatusCode.Should().Be(HttpStatusCode.OK);
        SessionCookie(overTls).Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=strict");

        var plain = await SignInFromAsync("10.20.0.1", "xhz-staff", LoopbackServer.DemoPassword, proto: null);
        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        SessionCookie(plain).Should().NotContain("secure", "a plain-http request gets a plain cookie (SameAsRequest)");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cases/some-case")]
    [InlineData("/health/live")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/no-such-endpoint")]
    [InlineData("/assets/no-such-file.js")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var anonymous = server.Anonymous();
        var response = await anonymous.GetAsync(path.TrimStart('/'));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Problems_and_signed_in_answers_carry_the_security_headers()
    {
        using var staff = await server.SignInAsync("scjg-staff");
        AssertSecurityHeaders(await staff.GetAsync("/api/tasks"));
        AssertSecurityHeaders(await staff.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = "no-such-process" }));
        AssertSecurityHeaders(await staff.PostRawAsync("/api/instances", "{not json", "application/json"));
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_write_with_the_victims_cookie()
    {
        using var victim = await server.SignInAsync("scjg-staff");
        // What a browser sends for another site's form or fetch: the cookie (were SameSite not enough), never our header.
        using var browser = UserSession.NewClient(server.BaseAddress, victim.Cookies, asWebApp: false);
        using var anonymous = UserSession.NewClient(server.BaseAddress, new CookieContainer(), asWebApp: false);
        var start = """{"definitionId":"consultation","input":{"subject":"伪造","background":"背景。","mainContent":"内容。"}}""";

        await RecordCounts.UnchangedByAsync(server.Services, async () =>
        {
            await RefusedAsCrossSite(await SendAsync(browser, "api/instances", "definitionId=consultation", "application/x-www-form-urlencoded", Evil));
            await RefusedAsCrossSite(await SendAsync(browser, "api/instances", start, "application/json", Evil));
            await RefusedAsCrossSite(await SendAsync(browser, "api/instances", start, "application/json", origin: "null"));
            await RefusedAsCrossSite(await SendAsync(browser, "api/instances", start, "text/plain", origin: null));
            await RefusedAsCrossSite(await SendAsync(browser, "api/auth/sign-out", "", "text/plain", Evil));
            // Signing the victim's browser in under the attacker's name (login CSRF) is refused the same way.
            await RefusedAsCrossSite(await SendAsync(anonymous, "api/auth/sign-in",
                $$"""{"userName":"scjg-staff","password":"{{LoopbackServer.DemoPassword}}"}""", "application/json", Evil));
        });

        // The session itself still works, and this site's own pages (same Origin, no header) may write.
        (await victim.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        var own = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        (await SendAsync(browser, "api/auth/sign-out", "", "text/plain", own)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_name_that_exists_and_one_that_does_not_get_the_same_answers_and_the_same_throttle()
    {
        var settings = server.Services.GetRequiredService<ConsultFlowOptions.AuthSettings>();
        for (var attempt = 1; attempt <= settings.LockoutAttempts; attempt++)
        {
            var known = await SignInFromAsync("10.30.0.1", "gaj-leader", "wrong-password-guess");
            var unknown = await SignInFromAsync("10.30.0.2", "no-such-person", "wrong-password-guess");
            var expected = attempt < settings.LockoutAttempts ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests;
            known.StatusCode.Should().Be(expected, $"attempt {attempt} for a name that exists");
            unknown.StatusCode.Should().Be(expected, $"attempt {attempt} for a name that does not");
            (await Comparable(known)).Should().Be(await Comparable(unknown), $"attempt {attempt} must not tell whether the name exists");
        }
        // The right password is refused too while the pair is throttled: the answer cannot confirm a guess.
        (await SignInFromAsync("10.30.0.1", "gaj-leader", LoopbackServer.DemoPassword)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_stranger_cannot_lock_the_owner_out_and_each_further_round_waits_twice_as_long()
    {
        var settings = server.Services.GetRequiredService<ConsultFlowOptions.AuthSettings>();
        var first = await FailUntilThrottledAsync("10.40.0.1", "zrzy-leader", settings.LockoutAttempts);
        RetryAfter(first).Should().BeCloseTo(TimeSpan.FromMinutes(settings.LockoutMinutes), TimeSpan.FromSeconds(2));

        // The owner, at their own desk, is not affected by the stranger's guesses.
        (await SignInFromAsync("10.40.0.2", "zrzy-leader", LoopbackServer.DemoPassword)).StatusCode.Should().Be(HttpStatusCode.OK);

        // After the refusal ends, the stranger's next round is refused twice as long.
        server.Later(TimeSpan.FromMinutes(settings.LockoutMinutes) + TimeSpan.FromSeconds(5));
        var second = await FailUntilThrottledAsync("10.40.0.1", "zrzy-leader", settings.LockoutAttempts);
        RetryAfter(second).Should().BeCloseTo(TimeSpan.FromMinutes(2 * settings.LockoutMinutes), TimeSpan.FromSeconds(2));
        (await SignInFromAsync("10.40.0.2", "zrzy-leader", LoopbackServer.DemoPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_address_guessing_many_names_is_throttled_as_a_whole()
    {
        var settings = server.Services.GetRequiredService<ConsultFlowOptions.AuthSettings>();
        HttpResponseMessage last = null!;
        for (var attempt = 1; attempt <= settings.AddressAttempts; attempt++)
            last = await SignInFromAsync("10.50.0.1", $"guess-{attempt}", "wrong-password-guess");
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SignInFromAsync("10.50.0.1", "jcy-leader", LoopbackServer.DemoPassword)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SignInFromAsync("10.50.0.2", "jcy-leader", LoopbackServer.DemoPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> FailUntilThrottledAsync(string address, string userName, int attempts)
    {
        HttpResponseMessage last = null!;
        for (var attempt = 1; attempt <= attempts; attempt++) last = await SignInFromAsync(address, userName, "wrong-password-guess");
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        return last;
    }

    private async Task<HttpResponseMessage> SignInFromAsync(string address, string userName, string password, string? proto = null)
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in")
        {
            Content = new StringContent(new JsonObject { ["userName"] = userName, ["password"] = password }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", address);
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpStatusCode> MeWithCookieAsync(string cookieHeader)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        request.Headers.Add("Cookie", cookieHeader);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string body, string contentType, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task RefusedAsCrossSite(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem["code"]!.GetValue<string>().Should().Be("CrossSiteRequest");
        problem["title"]!.GetValue<string>().Should().Contain("来源校验");
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ConsultFlow.Session=", StringComparison.Ordinal)).ToLowerInvariant();

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("A throttled answer says when to retry.");

    /// <summary>What a client can compare between two failed sign-ins: status, Retry-After and the problem without its trace id.</summary>
    private static async Task<string> Comparable(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return $"{(int)response.StatusCode} {response.Headers.RetryAfter} {problem.ToJsonString()}";
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        csp.Should().MatchRegex("(script-src 'self'|default-src 'none')", "no script but the site's own runs");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }
}

/// <summary>
/// Forwarded headers from a sender that is not a configured proxy are ignored: a client on the server's own machine
/// (loopback is not trusted by default) cannot claim to be https or to come from elsewhere.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class UntrustedForwardedHeadersTests(SqliteLoopbackServer server)
{
    [Fact]
    public async Task A_client_that_is_no_known_proxy_cannot_claim_https()
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in")
        {
            Content = new StringContent(new JsonObject { ["userName"] = "xhz-leader", ["password"] = LoopbackServer.DemoPassword }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "10.60.0.1");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ConsultFlow.Session=", StringComparison.Ordinal))
            .ToLowerInvariant().Should().NotContain("secure");
    }
}
