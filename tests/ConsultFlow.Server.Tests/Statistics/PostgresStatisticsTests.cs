using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.Attachments;

namespace ConsultFlow.Server.Tests.Statistics;

/// <summary>The statistics queries and the attachments on PostgreSQL: the same answers as on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStatisticsTests(PostgresServer postgres)
{
    private const string Password = "pg-statistics-password";

    [Fact]
    public async Task Statistics_and_attachments_work_on_postgres_within_what_the_caller_sees()
    {
        using var factory = new AttachmentServerFactory();
        factory.Settings["ConsultFlow:Database:Provider"] = "Postgres";
        factory.Settings["ConsultFlow:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();
        var admin = factory.CreateAuthorizedClient();
        foreach (var (code, type) in new[] { ("scjg", "enforcementUnit"), ("gaj", "publicSecurity"), ("hbj", "enforcementUnit") })
            (await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = code, en = code }, type, region = "CN" })).EnsureSuccessStatusCode();
        await factory.CreateUserAsync("pg-scjg", "scjg", ["staff"], Password);
        await factory.CreateUserAsync("pg-hbj", "hbj", ["staff"], Password);
        var definition = """
            { "id": "pg-stats", "name": "统计", "flowchart": { "activities": [
                { "id": "start", "type": "Start" },
                { "id": "receipt", "type": "HumanTask", "inputs": { "title": "签收", "assigneeAgency": "gaj", "assigneeRole": "staff",
                    "outcomes": [{ "name": "signed", "label": "签收" }], "due": { "amount": 3, "unit": "calendarDays" } } },
                { "id": "end", "type": "End" } ],
              "connections": [ { "source": "start", "outcome": "Done", "target": "receipt" }, { "source": "receipt", "outcome": "signed", "target": "end" } ] } }
            """;
        (await admin.PutAsync("/api/definitions/pg-stats/draft", new StringContent(definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/definitions/pg-stats/versions/1/publish", null)).EnsureSuccessStatusCode();
        var scjg = await factory.SignInAsync("pg-scjg", Password);
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var started = await scjg.PostAsync("/api/instances", new StringContent("""{ "definitionId": "pg-stats" }""", Encoding.UTF8, "application/json"));
            started.StatusCode.Should().Be(HttpStatusCode.Created);
            ids.Add((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
        }

        var bytes = UploadBodies.Pdf(10_000);
        var uploaded = await scjg.PostAsync($"/api/cases/{ids[0]}/attachments", UploadBodies.Form(new ByteArrayContent(bytes), "证据.pdf", "application/pdf"));
        uploaded.StatusCode.Should().Be(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        (await scjg.GetByteArrayAsync($"/api/attachments/{(await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]}")).Should().Equal(bytes);

        var all = (await admin.GetFromJsonAsync<JsonObject>("/api/statistics"))!;
        all["totalCases"]!.GetValue<int>().Should().Be(2);
        all["byAgency"]!.AsArray().Select(a => $"{a!["agency"]}={a["cases"]}").Should().BeEquivalentTo("scjg=2", "gaj=2");
        all["referrals"]!["cases"]!.GetValue<int>().Should().Be(0);
        all["consultations"]!["cases"]!.GetValue<int>().Should().Be(0);
        (await scjg.GetFromJsonAsync<JsonObject>("/api/statistics?from=2020-01-01"))!["totalCases"]!.GetValue<int>().Should().Be(2);
        (await (await factory.SignInAsync("pg-hbj", Password)).GetFromJsonAsync<JsonObject>("/api/statistics"))!["totalCases"]!.GetValue<int>().Should().Be(0);
        (await admin.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
