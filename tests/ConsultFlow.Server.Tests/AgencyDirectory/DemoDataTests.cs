using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Features.AgencyDirectory;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

/// <summary>The demo district, by command and by endpoint: loads once, then finds nothing left to do.</summary>
public sealed class DemoDataTests : IDisposable
{
    private readonly ServerFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Loading_the_demo_twice_creates_everything_once_and_its_users_can_sign_in()
    {
        var (command, _) = DirectoryCommand.Parse(["load-demo"]);
        var output = new StringWriter();
        var exit = await command!.RunAsync(factory.Services, new StringReader(""), output, new StringWriter(), CancellationToken.None);

        exit.Should().Be(0);
        // "sfj" is there already: the first administrator's agency.
        output.ToString().Should().Contain($"{DemoDistrict.Agencies.Count - 1} agencies and {DemoDistrict.Agencies.Sum(a => a.Roles.Count)} users created");
        var line = output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("scjg-staff "));
        var password = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];

        var admin = factory.CreateAuthorizedClient();
        var again = await admin.PostAsJsonAsync("/api/admin/demo", new { password = "demo-password-2024" });
        again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        var result = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        result["agenciesCreated"]!.GetValue<int>().Should().Be(0);
        result["usersCreated"]!.GetValue<int>().Should().Be(0);

        var agencies = (await admin.GetFromJsonAsync<JsonArray>("/api/agencies"))!.Select(a => a!["code"]!.GetValue<string>());
        var office = (await admin.GetFromJsonAsync<JsonObject>("/api/agencies/sfj"))!;
        office["name"]!["zh"]!.GetValue<string>().Should().Be(DemoDistrict.Agencies.Single(a => a.Code == "sfj").NameZh,
            "the administrator's agency, created under its bare code, takes the demo's name");
        agencies.Should().Contain(["sfj", "gov", "scjg", "zrzy", "zhzf", "yjgl", "zjj", "sthj", "nyj", "wlj", "wjj", "rsj", "xhz", "gaj", "jcy", "jwjc"]);
        var staff = await factory.SignInAsync("scjg-staff", password);
        var me = (await staff.GetFromJsonAsync<JsonObject>("/api/auth/me"))!;
        me["agency"]!.GetValue<string>().Should().Be("scjg");
        me["agencyName"]!["zh"]!.GetValue<string>().Should().Be("大武口区市场监督管理局");
        me["displayName"]!.GetValue<string>().Should().Be("市场监管局经办人");
        (await staff.GetAsync("/api/definitions")).StatusCode.Should().Be(HttpStatusCode.OK, "demo users need not change their password");
        await factory.SignInAsync("sfj-administrator", (output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("sfj-administrator "))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
    }

    [Fact]
    public async Task A_demo_password_must_meet_the_policy()
    {
        var response = await factory.CreateAuthorizedClient().PostAsJsonAsync("/api/admin/demo", new { password = "short" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["password"].Should().NotBeNull();
        (await factory.CreateAuthorizedClient().GetAsync("/api/agencies/scjg")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
