using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Features.AgencyDirectory;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

/// <summary>How a fresh installation gets its first administrator: generated one-time password, or the command.</summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task Without_configuration_admin_gets_a_one_time_password_in_an_owner_only_file_and_must_change_it()
    {
        using var factory = new ServerFactory();
        factory.Settings["ConsultFlow:Admin:UserName"] = "";
        factory.Settings["ConsultFlow:Admin:Password"] = "";
        factory.Settings["ConsultFlow:Admin:Agency"] = "";
        _ = factory.Server;
        var file = Path.Combine(factory.Folder, "initial-admin-password");

        File.Exists(file).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var password = (await File.ReadAllTextAsync(file)).Trim();
        password.Should().HaveLength(20);

        var admin = await factory.SignInAsync("admin", password);
        var me = (await admin.GetFromJsonAsync<JsonObject>("/api/auth/me"))!;
        me["mustChangePassword"]!.GetValue<bool>().Should().BeTrue();
        me["agency"]!.GetValue<string>().Should().Be("system");
        (await admin.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var changed = await admin.PostAsJsonAsync("/api/auth/password", new { currentPassword = password, newPassword = "chosen-by-the-admin" });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        File.Exists(file).Should().BeFalse("the one-time password is of no use any more");
        (await admin.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.OK);
        var system = (await admin.GetFromJsonAsync<JsonObject>("/api/agencies/system"))!;
        system["type"]!.GetValue<string>().Should().Be("system");
    }

    [Fact]
    public async Task The_create_admin_command_reads_the_password_from_standard_input()
    {
        using var factory = new ServerFactory();
        var (command, rest) = DirectoryCommand.Parse(["create-admin", "--user", "ops", "--agency", "sfj", "--urls", "http://127.0.0.1:1"]);
        rest.Should().Equal("--urls", "http://127.0.0.1:1");
        var output = new StringWriter();

        var exit = await command!.RunAsync(factory.Services, new StringReader("ops-password-123\n"), output, new StringWriter(), CancellationToken.None);

        exit.Should().Be(0);
        output.ToString().Should().Contain("Created administrator ops");
        var ops = await factory.SignInAsync("ops", "ops-password-123");
        (await ops.GetAsync("/api/users")).StatusCode.Should().Be(HttpStatusCode.OK);

        var (usage, _) = DirectoryCommand.Parse(["create-admin"]);
        (await usage!.RunAsync(factory.Services, new StringReader("x\n"), new StringWriter(), new StringWriter(), CancellationToken.None)).Should().Be(2);
        var (weak, _) = DirectoryCommand.Parse(["create-admin", "--user", "weak"]);
        (await weak!.RunAsync(factory.Services, new StringReader("short\n"), new StringWriter(), new StringWriter(), CancellationToken.None)).Should().Be(1);
        DirectoryCommand.Parse(["--urls", "x"]).Command.Should().BeNull();
    }
}
