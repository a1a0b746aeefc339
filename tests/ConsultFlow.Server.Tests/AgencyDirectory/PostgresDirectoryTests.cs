using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

/// <summary>The whole server on PostgreSQL: first administrator, sign-in, lockout, users and keys.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDirectoryTests(PostgresServer postgres)
{
    [Fact]
    public async Task Sign_in_lockout_users_and_api_keys_work_on_postgres()
    {
        using var factory = new ServerFactory();
        factory.Settings["ConsultFlow:Database:Provider"] = "Postgres";
        factory.Settings["ConsultFlow:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();

        var admin = await factory.SignInAsync();
        (await admin.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        await factory.CreateUserAsync("pg-user", "sfj", ["staff"], "pg-password-1");
        var client = factory.CreateClient();
        for (var i = 0; i < 4; i++)
            (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "pg-user", password = "wrong-password" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "pg-user", password = "wrong-password" })).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var keyed = factory.CreateAuthorizedClient();
        (await keyed.GetFromJsonAsync<JsonObject>("/api/auth/me"))!["agency"]!.GetValue<string>().Should().Be("sfj");
        (await keyed.GetFromJsonAsync<JsonArray>("/api/users"))!.Select(u => u!["userName"]!.GetValue<string>()).Should().Contain(["admin", "pg-user"]);
    }
}
