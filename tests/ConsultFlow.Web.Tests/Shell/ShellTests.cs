using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Shell;

/// <summary>The web app's shell in Chromium: sign-in, forced password change, navigation per role, language, tablet.</summary>
[Collection(WebCollection.Name)]
public sealed class ShellTests(WebApp app)
{
    [Fact]
    public async Task A_wrong_password_is_refused_on_the_page_and_the_right_one_opens_the_app()
    {
        await using var user = await app.OpenAsync();
        await user.Page.GotoAsync("/designer");
        await user.Page.Locator("input[name=userName]").FillAsync("sfj-coordinator");
        await user.Page.Locator("input[name=password]").FillAsync("not-the-password");
        await user.Page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(user.Page.GetByTestId("problem")).ToContainTextAsync("用户名或密码不正确");

        await user.Page.Locator("input[name=password]").FillAsync(WebServer.DemoPassword);
        await user.Page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(user.Page.GetByTestId("user-name")).ToContainTextAsync("司法局");
        // The deep link survives signing in.
        user.Page.Url.Should().EndWith("/designer");
        await user.ScreenshotAsync("shell-coordinator-1366");
    }

    [Fact]
    public async Task The_navigation_shows_the_designer_to_coordinators_and_not_to_member_agency_staff()
    {
        await using var coordinator = await app.SignInAsync("sfj-coordinator");
        await Assertions.Expect(coordinator.Page.Locator("nav a[data-nav='/designer']")).ToBeVisibleAsync();

        await using var staff = await app.SignInAsync("scjg-staff");
        await Assertions.Expect(staff.Page.GetByTestId("user-name")).ToContainTextAsync("市场监管局");
        await Assertions.Expect(staff.Page.Locator("nav a[data-nav='/designer']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task English_can_be_chosen_and_is_remembered()
    {
        await using var user = await app.SignInAsync("sfj-coordinator");
        await user.Page.Locator("header select.language-switch").SelectOptionAsync("en");
        await Assertions.Expect(user.Page.Locator("header .brand")).ToHaveTextAsync("ConsultFlow");
        await user.Page.ReloadAsync();
        await Assertions.Expect(user.Page.Locator("header button", new() { HasText = "Sign out" })).ToBeVisibleAsync();
        await user.Page.Locator("header select.language-switch").SelectOptionAsync("zh-CN");
        await Assertions.Expect(user.Page.Locator("header .brand")).ToHaveTextAsync("会商协作平台");
    }

    [Fact]
    public async Task A_user_whose_password_was_issued_must_choose_a_new_one_before_anything_else()
    {
        using var admin = await app.Server.AdminApiAsync();
        var userName = $"new-{Guid.NewGuid():N}"[..16];
        await admin.PostJsonAsync("/api/users", new JsonObject
        {
            ["userName"] = userName, ["displayName"] = "新用户", ["agency"] = "zrzy", ["roles"] = new JsonArray("staff"),
            ["password"] = "issued-Password-1", ["mustChangePassword"] = true,
        });

        await using var user = await app.OpenAsync();
        await user.Page.GotoAsync("/designer");
        await user.Page.Locator("input[name=userName]").FillAsync(userName);
        await user.Page.Locator("input[name=password]").FillAsync("issued-Password-1");
        await user.Page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(user.Page.Locator("input[name=newPassword]")).ToBeVisibleAsync();
        await user.ScreenshotAsync("shell-forced-password-change");

        await user.Page.Locator("input[name=currentPassword]").FillAsync("wrong-Password-1");
        await user.Page.Locator("input[name=newPassword]").FillAsync("chosen-Password-2");
        await user.Page.Locator("input[name=repeatPassword]").FillAsync("chosen-Password-2");
        await user.Page.Locator("form button[type=submit]").ClickAsync();
        // The server names the field; the page shows its message under that input.
        await Assertions.Expect(user.Page.Locator(".field-error[data-field=currentPassword]")).ToBeVisibleAsync();

        await user.Page.Locator("input[name=currentPassword]").FillAsync("issued-Password-1");
        await user.Page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(user.Page.GetByTestId("user-name")).ToContainTextAsync("新用户");
    }

    [Fact]
    public async Task On_a_tablet_the_navigation_folds_into_a_menu()
    {
        await using var user = await app.SignInAsync("sfj-coordinator", viewport: new ViewportSize { Width = 768, Height = 1024 });
        var link = user.Page.Locator("nav a[data-nav='/designer']");
        await Assertions.Expect(link).ToBeHiddenAsync();
        await user.Page.Locator("header button.nav-toggle").ClickAsync();
        await Assertions.Expect(link).ToBeVisibleAsync();
        await user.ScreenshotAsync("shell-tablet-menu");
        await link.ClickAsync();
        await user.Page.WaitForURLAsync("**/designer");
    }

    [Fact]
    public async Task Client_routes_get_the_app_while_api_and_health_addresses_stay_the_servers()
    {
        using var http = new HttpClient { BaseAddress = app.Server.BaseAddress };
        Task<HttpResponseMessage> Page(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
            return http.SendAsync(request);
        }

        var page = await Page("designer/some/deep/route");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "a client route is answered with the app, without signing in");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<div id=\"root\">");
        page.Headers.CacheControl!.NoCache.Should().BeTrue("index.html must be asked for again after a deployment");

        // Definition ids contain dots: such a route is still a page, not a missing file.
        var dotted = await Page("designer/examples.simple-consultation");
        dotted.StatusCode.Should().Be(HttpStatusCode.OK);

        var root = await Page("");
        root.StatusCode.Should().Be(HttpStatusCode.OK);
        root.Content.Headers.ContentType!.MediaType.Should().Be("text/html");

        var unknownApi = await Page("api/no-such-endpoint");
        unknownApi.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownApi.Content.ReadAsStringAsync()).Should().NotContain("<div id=\"root\">");

        var definitions = await Page("api/definitions");
        definitions.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API still needs sign-in");

        var health = await http.GetAsync("health/live");
        health.StatusCode.Should().Be(HttpStatusCode.OK);

        var missingAsset = await http.GetAsync("assets/no-such-file.js");
        missingAsset.StatusCode.Should().Be(HttpStatusCode.NotFound, "a missing file is not answered with the page");
        (await missingAsset.Content.ReadAsStringAsync()).Should().NotContain("<div id=\"root\">");

        var script = await http.GetAsync("designer/x");
        script.StatusCode.Should().Be(HttpStatusCode.NotFound, "only a browser asking for HTML gets the page");
    }
}
