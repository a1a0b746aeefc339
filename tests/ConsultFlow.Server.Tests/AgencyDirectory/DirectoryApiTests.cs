using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

/// <summary>Agencies, users and API clients through the API: who may do what, and how bad input is refused.</summary>
public sealed class DirectoryApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> StaffOfAsync(string agency)
    {
        var name = Unique("staff");
        await factory.CreateUserAsync(name, agency, ["staff", "leader"], "staff-password-1");
        return await factory.SignInAsync(name, "staff-password-1");
    }

    [Fact]
    public async Task Administrators_create_and_change_agencies_and_everyone_signed_in_reads_them()
    {
        var admin = factory.CreateAuthorizedClient();
        var code = Unique("a");

        var created = await admin.PostAsync("/api/agencies", Json($$"""
            { "code": "{{code}}", "name": { "zh": "测试市场监管局", "en": "Test market regulation" }, "type": "enforcementUnit",
              "region": "CN-NX-dawukou", "parentCode": "sfj" }
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().Should().Be($"/api/agencies/{code}");

        var duplicate = await admin.PostAsync("/api/agencies", Json($$"""{ "code": "{{code}}", "name": { "zh": "重复" }, "type": "government" }"""));
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await duplicate.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["code"].Should().NotBeNull();

        var updated = await admin.PutAsync($"/api/agencies/{code}", Json("""{ "name": { "zh": "改名后的局" }, "type": "enforcementUnit", "region": "CN-NX-dawukou" }"""));
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());

        var staff = await StaffOfAsync(code);
        var one = (await staff.GetFromJsonAsync<JsonObject>($"/api/agencies/{code}"))!;
        one["name"]!["zh"]!.GetValue<string>().Should().Be("改名后的局");
        one["type"]!.GetValue<string>().Should().Be("enforcementUnit");
        one["parentCode"].Should().BeNull("the PUT left it out");
        (await staff.GetFromJsonAsync<JsonArray>("/api/agencies"))!.Select(a => a!["code"]!.GetValue<string>()).Should().Contain([code, "sfj"]);
        (await staff.GetAsync("/api/agencies/no-such-agency")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "code": "Bad Code", "name": { "zh": "x" }, "type": "government" }""", "code")]
    [InlineData("""{ "code": "okcode", "type": "government" }""", "name.zh")]
    [InlineData("""{ "code": "okcode", "name": { "zh": "x" } }""", "type")]
    [InlineData("""{ "code": "okcode", "name": { "zh": "x" }, "type": "ministry" }""", "type")]
    [InlineData("""{ "code": "okcode", "name": { "zh": "x" }, "type": "government", "parentCode": "nowhere" }""", "parentCode")]
    [InlineData("""{ "code": "okcode", "name": { "zh": "x" }, "type": "government", "region": "dawukou" }""", "region")]
    [InlineData("""{ "code": 7, "name": { "zh": "x" }, "type": "government" }""", "$.code")]
    public async Task Invalid_agencies_get_a_problem_naming_the_field(string body, string field)
    {
        var response = await factory.CreateAuthorizedClient().PostAsync("/api/agencies", Json(body));

        ((int)response.StatusCode).Should().BeOneOf(400, 422);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await factory.CreateAuthorizedClient().GetAsync("/api/agencies/okcode")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agency_cannot_become_its_own_ancestor()
    {
        var admin = factory.CreateAuthorizedClient();
        var parent = Unique("p");
        var child = Unique("c");
        (await admin.PostAsync("/api/agencies", Json($$"""{ "code": "{{parent}}", "name": { "zh": "上级" }, "type": "government" }"""))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/agencies", Json($$"""{ "code": "{{child}}", "name": { "zh": "下级" }, "type": "enforcementUnit", "parentCode": "{{parent}}" }"""))).EnsureSuccessStatusCode();

        var cycle = await admin.PutAsync($"/api/agencies/{parent}", Json($$"""{ "name": { "zh": "上级" }, "type": "government", "parentCode": "{{child}}" }"""));

        cycle.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await cycle.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["parentCode"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("POST", "/api/agencies", """{ "code": "bystaff", "name": { "zh": "x" }, "type": "government" }""")]
    [InlineData("PUT", "/api/agencies/sfj", """{ "name": { "zh": "x" }, "type": "coordinationOffice" }""")]
    [InlineData("GET", "/api/users", null)]
    [InlineData("POST", "/api/users", """{ "userName": "x" }""")]
    [InlineData("GET", "/api/api-clients", null)]
    [InlineData("POST", "/api/api-clients", """{ "agency": "sfj", "name": { "zh": "x" }, "roles": ["administrator"] }""")]
    [InlineData("POST", "/api/admin/demo", null)]
    public async Task Directory_administration_is_403_for_everyone_but_administrators(string method, string path, string? body)
    {
        var staff = await StaffOfAsync("sfj");

        var response = await staff.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json(body) });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{ "userName": "u1", "displayName": "张三", "agency": "sfj", "roles": ["boss"], "password": "long-enough-1" }""", 422, "roles[0]")]
    [InlineData("""{ "userName": "u2", "displayName": "张三", "agency": "sfj", "roles": [], "password": "long-enough-1" }""", 422, "roles")]
    [InlineData("""{ "userName": "u3", "displayName": "张三", "agency": "nowhere", "roles": ["staff"], "password": "long-enough-1" }""", 422, "agency")]
    [InlineData("""{ "userName": "u4", "displayName": "张三", "agency": "sfj", "roles": ["staff"], "password": "short" }""", 422, "password")]
    [InlineData("""{ "userName": "u5", "displayName": "张三", "agency": "sfj", "roles": ["staff"], "password": "aaaaaaaaaaaa" }""", 422, "password")]
    [InlineData("""{ "userName": "u6", "agency": "sfj", "roles": ["staff"], "password": "long-enough-1" }""", 422, "displayName")]
    [InlineData("""{ "userName": "用户", "displayName": "张三", "agency": "sfj", "roles": ["staff"], "password": "long-enough-1" }""", 422, "userName")]
    [InlineData("""{ "userName": "admin", "displayName": "张三", "agency": "sfj", "roles": ["staff"], "password": "long-enough-1" }""", 409, "userName")]
    [InlineData("""{ "userName": "u7", "displayName": "张三", "agency": "sfj", "roles": "staff", "password": "long-enough-1" }""", 400, "$.roles")]
    public async Task Invalid_users_get_a_problem_naming_the_field(string body, int status, string field)
    {
        var admin = factory.CreateAuthorizedClient();
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/users"))!.Count;

        var response = await admin.PostAsync("/api/users", Json(body));

        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await admin.GetFromJsonAsync<JsonArray>("/api/users"))!.Count.Should().Be(before);
    }

    [Fact]
    public async Task Administrators_belong_to_a_coordination_office_or_the_system_agency()
    {
        var admin = factory.CreateAuthorizedClient();
        var unit = Unique("u");
        (await admin.PostAsync("/api/agencies", Json($$"""{ "code": "{{unit}}", "name": { "zh": "执法单位" }, "type": "enforcementUnit" }"""))).EnsureSuccessStatusCode();

        var created = await admin.PostAsync("/api/users", Json($$"""
            { "userName": "{{Unique("x")}}", "displayName": "某人", "agency": "{{unit}}", "roles": ["administrator"], "password": "long-enough-1" }
            """));
        created.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await created.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["roles"].Should().NotBeNull();

        var id = await factory.CreateUserAsync(Unique("mover"), "sfj", ["administrator"], "long-enough-1");
        var moved = await admin.PutAsJsonAsync($"/api/users/{id}", new { agency = unit });
        moved.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await moved.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["agency"].Should().NotBeNull();

        var retyped = await admin.PutAsync("/api/agencies/sfj", Json("""{ "name": { "zh": "司法局" }, "type": "enforcementUnit" }"""));
        retyped.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await retyped.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["type"].Should().NotBeNull();
    }

    [Fact]
    public async Task Users_are_read_changed_and_unknown_ids_are_404()
    {
        var admin = factory.CreateAuthorizedClient();
        var name = Unique("edit");
        var id = await factory.CreateUserAsync(name, "sfj", ["staff"], "long-enough-1");

        var changed = await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "李四", roles = new[] { "contact", "staff", "contact" } });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        var user = (await admin.GetFromJsonAsync<JsonObject>($"/api/users/{id}"))!;
        user["displayName"]!.GetValue<string>().Should().Be("李四");
        user["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("contact", "staff");
        user["locked"]!.GetValue<bool>().Should().BeFalse();
        user.ContainsKey("passwordHash").Should().BeFalse();
        (await admin.GetFromJsonAsync<JsonArray>("/api/users?agency=sfj"))!.Should().Contain(u => u!["id"]!.GetValue<string>() == id);
        (await admin.GetAsync($"/api/users/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PutAsJsonAsync($"/api/users/{Guid.NewGuid()}", new { locked = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PostAsJsonAsync($"/api/users/{Guid.NewGuid()}/password", new { password = "long-enough-1" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PutAsJsonAsync($"/api/users/{id}", new { roles = new[] { "boss" } })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_locked_or_demoted()
    {
        // A server of its own: its only administrator user is the configured one.
        using var alone = new ServerFactory();
        var admin = await alone.SignInAsync();
        var me = (await admin.GetFromJsonAsync<JsonObject>("/api/auth/me"))!["id"]!.GetValue<string>();

        var locked = await admin.PutAsJsonAsync($"/api/users/{me}", new { locked = true });
        var demoted = await admin.PutAsJsonAsync($"/api/users/{me}", new { roles = new[] { "coordinator" } });

        locked.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await locked.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["locked"].Should().NotBeNull();
        demoted.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await admin.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_api_clients_key_is_shown_once_carries_its_agency_and_roles_and_can_be_revoked()
    {
        var admin = factory.CreateAuthorizedClient();
        var unit = Unique("k");
        (await admin.PostAsync("/api/agencies", Json($$"""{ "code": "{{unit}}", "name": { "zh": "市场监管局" }, "type": "enforcementUnit" }"""))).EnsureSuccessStatusCode();

        var created = await admin.PostAsJsonAsync("/api/api-clients", new { agency = unit, name = "监管业务系统", roles = new[] { "staff", "contact" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var client = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = client["key"]!.GetValue<string>();
        key.Should().StartWith("cf_").And.HaveLength(46);
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/api-clients"))!.Single(c => c!["id"]!.GetValue<string>() == client["id"]!.GetValue<string>())!;
        listed.ToJsonString().Should().NotContain(key).And.NotContain("keyHash");

        var system = factory.CreateClient();
        system.DefaultRequestHeaders.Add("Authorization", $"Bearer {key}");
        var me = (await system.GetFromJsonAsync<JsonObject>("/api/auth/me"))!;
        me["agency"]!.GetValue<string>().Should().Be(unit);
        me["apiClient"]!.GetValue<bool>().Should().BeTrue();
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(["staff", "contact"]);
        (await system.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The journal records who acted: the client, its agency and its role.
        var definition = """{ "id": "key-journal", "name": "记录", "flowchart": { "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ], "connections": [ { "source": "start", "outcome": "Done", "target": "end" } ] } }""";
        (await admin.PutAsync("/api/definitions/key-journal/draft", Json(definition))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/definitions/key-journal/versions/1/publish", null)).EnsureSuccessStatusCode();
        var headerClient = factory.CreateClient();
        headerClient.DefaultRequestHeaders.Add("X-Api-Key", key);
        var started = (await (await headerClient.PostAsync("/api/instances", Json("""{ "definitionId": "key-journal" }"""))).Content.ReadFromJsonAsync<JsonObject>())!;
        var journal = (await headerClient.GetFromJsonAsync<JsonArray>($"/api/instances/{started["instanceId"]}/journal"))!;
        var actor = journal.First(e => e!["kind"]!.GetValue<string>() == "instanceStarted")!["actor"]!;
        actor["userId"]!.GetValue<string>().Should().Be($"api-client:{client["id"]}");
        actor["agency"]!.GetValue<string>().Should().Be(unit);
        actor["role"]!.GetValue<string>().Should().Be("contact");

        (await admin.PostAsync($"/api/api-clients/{client["id"]}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var invalid = await admin.PostAsJsonAsync("/api/api-clients", new { agency = unit, name = "x", roles = new[] { "administrator" } });
        (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["roles"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_key_header_is_judged_alone_even_beside_a_valid_cookie()
    {
        var signedIn = await factory.SignInAsync();
        signedIn.DefaultRequestHeaders.Add("X-Api-Key", "cf_not-a-key");

        (await signedIn.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
