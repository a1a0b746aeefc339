using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

/// <summary>Sign-in, the cookie, lockout, the must-change-password gate, and what is open to anonymous callers.</summary>
public sealed class AuthTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Signing_in_sets_an_http_only_cookie_that_works_for_later_calls_until_sign_out()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = ServerFactory.AdminPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ConsultFlow.Session="));
        cookie.ToLowerInvariant().Should().Contain("httponly").And.Contain("samesite=strict");
        var profile = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        profile["userName"]!.GetValue<string>().Should().Be("admin");
        profile["agency"]!.GetValue<string>().Should().Be("sfj");
        profile["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("administrator");
        profile["mustChangePassword"]!.GetValue<bool>().Should().BeFalse();

        (await client.GetFromJsonAsync<JsonObject>("/api/auth/me"))!["id"]!.GetValue<string>().Should().Be(profile["id"]!.GetValue<string>());
        (await client.GetAsync("/api/definitions")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.PostAsync("/api/auth/sign-out", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_failed_sign_in_is_401_and_does_not_tell_whether_the_user_exists()
    {
        var client = factory.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = "not-the-password" });
        var unknownUser = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "nobody-at-all", password = "not-the-password" });

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongPassword.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var a = (await wrongPassword.Content.ReadFromJsonAsync<JsonObject>())!;
        var b = (await unknownUser.Content.ReadFromJsonAsync<JsonObject>())!;
        a["title"]!.GetValue<string>().Should().Be(b["title"]!.GetValue<string>());
        a["code"]!.GetValue<string>().Should().Be("SignInFailed");
        wrongPassword.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Five_failures_from_one_address_refuse_that_name_there_without_locking_the_account()
    {
        var name = Unique("lock");
        await factory.CreateUserAsync(name, "sfj", ["staff"], "right-password-1");
        var client = factory.CreateClient();

        for (var i = 1; i <= 4; i++)
            (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = name, password = $"wrong-{i}" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var fifth = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = name, password = "wrong-5" });
        var right = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = name, password = "right-password-1" });

        fifth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the refusal comes before the password is looked at");
        right.Headers.RetryAfter.Should().NotBeNull();
        (await right.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("SignInThrottled");
        var user = (await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonArray>("/api/users"))!.Single(u => u!["userName"]!.GetValue<string>() == name)!;
        user["locked"]!.GetValue<bool>().Should().BeFalse("a stranger's failures must not lock the account for its owner");
    }

    [Theory]
    [InlineData("GET", "/api/definitions")]
    [InlineData("GET", "/api/instances")]
    [InlineData("POST", "/api/instances")]
    [InlineData("GET", "/api/tasks")]
    [InlineData("POST", "/api/messages")]
    [InlineData("GET", "/api/activity-descriptors")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/api/agencies")]
    [InlineData("GET", "/api/agencies/sfj")]
    [InlineData("POST", "/api/agencies")]
    [InlineData("PUT", "/api/agencies/sfj")]
    [InlineData("GET", "/api/users")]
    [InlineData("POST", "/api/users")]
    [InlineData("GET", "/api/users/00000000-0000-0000-0000-000000000001")]
    [InlineData("PUT", "/api/users/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/api/users/00000000-0000-0000-0000-000000000001/password")]
    [InlineData("GET", "/api/api-clients")]
    [InlineData("POST", "/api/api-clients")]
    [InlineData("POST", "/api/admin/demo")]
    [InlineData("GET", "/api/auth/me")]
    [InlineData("POST", "/api/auth/sign-out")]
    [InlineData("POST", "/api/auth/password")]
    public async Task Anonymous_callers_get_401_everywhere_but_health_and_sign_in(string method, string path)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : JsonContent.Create(new { }),
        });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Health_and_sign_in_are_open()
    {
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        var empty = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { });
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the endpoint is reached and names what is missing");
        (await empty.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["userName", "password"]);
    }

    [Fact]
    public async Task A_user_with_a_password_to_change_may_use_only_the_auth_endpoints_until_it_is_changed()
    {
        var name = Unique("fresh");
        await factory.CreateUserAsync(name, "sfj", ["coordinator"], "given-by-admin-1", mustChangePassword: true);
        var client = factory.CreateClient();

        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = name, password = "given-by-admin-1" });
        (await signIn.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>().Should().BeTrue();
        var blocked = await client.GetAsync("/api/agencies");
        blocked.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await blocked.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("PasswordChangeRequired");
        (await client.GetAsync("/api/instances")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        var wrongCurrent = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "nope-nope-nope", newPassword = "my-own-password-1" });
        wrongCurrent.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await wrongCurrent.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["currentPassword"].Should().NotBeNull();
        var tooShort = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "given-by-admin-1", newPassword = "short" });
        tooShort.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await tooShort.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["newPassword"].Should().NotBeNull();

        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "given-by-admin-1", newPassword = "my-own-password-1" });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.Content.ReadFromJsonAsync<JsonObject>())!["mustChangePassword"]!.GetValue<bool>().Should().BeFalse();
        (await client.GetAsync("/api/agencies")).StatusCode.Should().Be(HttpStatusCode.OK, "the same session goes on with the new password");
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { userName = name, password = "given-by-admin-1" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await factory.SignInAsync(name, "my-own-password-1");
    }

    [Fact]
    public async Task A_password_reset_or_a_lock_by_the_administrator_ends_the_users_sessions()
    {
        var name = Unique("reset");
        var id = await factory.CreateUserAsync(name, "sfj", ["staff"], "first-password-1");
        var session = await factory.SignInAsync(name, "first-password-1");
        var admin = factory.CreateAuthorizedClient();

        (await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "second-password-2" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await session.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var again = await factory.SignInAsync(name, "second-password-2");
        (await again.GetFromJsonAsync<JsonObject>("/api/auth/me"))!["mustChangePassword"]!.GetValue<bool>().Should().BeTrue();

        (await admin.PutAsJsonAsync($"/api/users/{id}", new { locked = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var locked = await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { userName = name, password = "second-password-2" });
        locked.StatusCode.Should().Be((HttpStatusCode)423);

        (await admin.PutAsJsonAsync($"/api/users/{id}", new { locked = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        await factory.SignInAsync(name, "second-password-2");
    }

    [Fact]
    public async Task Role_changes_apply_to_a_running_session_at_once()
    {
        var name = Unique("promote");
        var id = await factory.CreateUserAsync(name, "sfj", ["staff"], "promote-password-1");
        var session = await factory.SignInAsync(name, "promote-password-1");
        (await session.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await factory.CreateAuthorizedClient().PutAsJsonAsync($"/api/users/{id}", new { roles = new[] { "staff", "administrator" } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await session.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
