using ConsultFlow.Server.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Statistics;

/// <summary>
/// Counts by process, status and agency and the overdue counts, over exactly the cases the caller may see: two
/// processes, started by two agencies, handled by the police; an unrelated agency's statistics show none of them.
/// </summary>
public sealed class StatisticsTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Password = "statistics-password";

    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static (Guid OverdueTask, Guid[] Cases)? setUp;

    private static string Definition(string id) =>
        ReceiptProcess.Definition(id, $"统计演示 {id}", """{ "amount": 3, "unit": "calendarDays" }""");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>scjg starts two stats-a cases, zrzy one stats-b case, all for the police gaj; one of scjg's receipts is overdue.</summary>
    private async Task<(Guid OverdueTask, Guid[] Cases)> SetUpAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (setUp is { } done) return done;
            var admin = factory.CreateAuthorizedClient();
            foreach (var (code, type) in new[] { ("scjg", "enforcementUnit"), ("zrzy", "enforcementUnit"), ("gaj", "publicSecurity"), ("hbj", "enforcementUnit") })
                (await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = code, en = code }, type, region = "CN" }))
                    .StatusCode.Should().Be(HttpStatusCode.Created);
            foreach (var agency in new[] { "scjg", "zrzy", "gaj", "hbj" })
                await factory.CreateUserAsync($"st-{agency}", agency, ["staff"], Password);
            foreach (var id in new[] { "stats-a", "stats-b" })
            {
                await ReceiptProcess.PublishAsync(admin, id, Definition(id));
            }
            var scjg = await factory.SignInAsync("st-scjg", Password);
            var zrzy = await factory.SignInAsync("st-zrzy", Password);
            var cases = new List<(Guid Case, Guid Task)>();
            foreach (var (client, definition) in new[] { (scjg, "stats-a"), (scjg, "stats-a"), (zrzy, "stats-b") })
            {
                var started = await client.PostAsync("/api/instances", Json($$"""{ "definitionId": "{{definition}}", "input": { "police": "gaj" } }"""));
                started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
                var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
                cases.Add((Guid.Parse(body["instanceId"]!.GetValue<string>()), Guid.Parse(body["openTaskIds"]![0]!.GetValue<string>())));
            }
            // The first receipt's period ran out two days ago (moved in the database: the clock is the real one).
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
                var past = DateTimeOffset.UtcNow.AddDays(-2);
                (await db.HumanTasks.Where(t => t.Id == cases[0].Task).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, past))).Should().Be(1);
            }
            setUp = (cases[0].Task, cases.Select(c => c.Case).ToArray());
            return setUp.Value;
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private static async Task<JsonObject> StatisticsAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/statistics{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Dictionary<string, int> ByProcess(JsonObject report) =>
        report["byProcess"]!.AsArray().ToDictionary(p => p!["definitionId"]!.GetValue<string>(), p => p!["total"]!.GetValue<int>());

    private static Dictionary<string, int> ByAgency(JsonObject report) =>
        report["byAgency"]!.AsArray().ToDictionary(p => p!["agency"]!.GetValue<string>(), p => p!["cases"]!.GetValue<int>());

    private static Dictionary<string, int> OverdueByAgency(JsonObject report) =>
        report["overdue"]!["byAgency"]!.AsArray().ToDictionary(p => p!["agency"]!.GetValue<string>(), p => p!["tasks"]!.GetValue<int>());

    [Fact]
    public async Task Those_who_see_every_case_count_both_processes_and_every_party()
    {
        await SetUpAsync();

        var report = await StatisticsAsync(factory.CreateAuthorizedClient());

        ByProcess(report).Should().Contain("stats-a", 2).And.Contain("stats-b", 1);
        var a = report["byProcess"]!.AsArray().Single(p => p!["definitionId"]!.GetValue<string>() == "stats-a")!;
        a["byStatus"]!["suspended"]!.GetValue<int>().Should().Be(2, "both wait on the police's receipt");
        a["byStatus"]!["completed"]!.GetValue<int>().Should().Be(0);
        report["byStatus"]!["suspended"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
        ByAgency(report).Should().Contain("scjg", 2).And.Contain("zrzy", 1).And.Contain("gaj", 3).And.NotContainKey("hbj");
        OverdueByAgency(report).Should().Contain("gaj", 1);
        report["overdue"]!["total"]!.GetValue<int>().Should().Be(1);
        report["totalCases"]!.GetValue<int>().Should().Be(ByProcess(report).Values.Sum());
    }

    [Fact]
    public async Task An_agency_counts_only_the_cases_it_is_party_to()
    {
        await SetUpAsync();

        var scjg = await StatisticsAsync(await factory.SignInAsync("st-scjg", Password));
        ByProcess(scjg).Should().Equal(new Dictionary<string, int> { ["stats-a"] = 2 });
        ByAgency(scjg).Should().Equal(new Dictionary<string, int> { ["scjg"] = 2, ["gaj"] = 2 });
        OverdueByAgency(scjg).Should().Equal(new Dictionary<string, int> { ["gaj"] = 1 });

        var zrzy = await StatisticsAsync(await factory.SignInAsync("st-zrzy", Password));
        ByProcess(zrzy).Should().Equal(new Dictionary<string, int> { ["stats-b"] = 1 });
        zrzy["overdue"]!["total"]!.GetValue<int>().Should().Be(0, "the overdue task is in scjg's case");

        var police = await StatisticsAsync(await factory.SignInAsync("st-gaj", Password));
        ByProcess(police).Should().Equal(new Dictionary<string, int> { ["stats-a"] = 2, ["stats-b"] = 1 });
    }

    [Fact]
    public async Task An_unrelated_agency_sees_nothing_of_them_even_when_it_asks_for_another_agency()
    {
        await SetUpAsync();
        var hbj = await factory.SignInAsync("st-hbj", Password);

        foreach (var query in new[] { "", "?agency=scjg", "?agency=gaj" })
        {
            var report = await StatisticsAsync(hbj, query);
            report["totalCases"]!.GetValue<int>().Should().Be(0);
            report["byProcess"]!.AsArray().Should().BeEmpty();
            report["byAgency"]!.AsArray().Should().BeEmpty();
            report["overdue"]!["total"]!.GetValue<int>().Should().Be(0);
            report["referrals"]!["cases"]!.GetValue<int>().Should().Be(0);
        }
    }

    [Fact]
    public async Task The_agency_filter_and_the_date_window_narrow_the_count()
    {
        await SetUpAsync();
        var admin = factory.CreateAuthorizedClient();
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Engine.Calendar.ChinaTime.Zone).ToString("yyyy-MM-dd");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(1), Engine.Calendar.ChinaTime.Zone).ToString("yyyy-MM-dd");
        var yesterday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(-1), Engine.Calendar.ChinaTime.Zone).ToString("yyyy-MM-dd");

        ByProcess(await StatisticsAsync(admin, "?agency=zrzy")).Should().Equal(new Dictionary<string, int> { ["stats-b"] = 1 });
        ByProcess(await StatisticsAsync(admin, $"?from={today}&to={today}")).Should().Contain("stats-a", 2).And.Contain("stats-b", 1);
        ByProcess(await StatisticsAsync(admin, $"?from={tomorrow}")).Should().BeEmpty();
        ByProcess(await StatisticsAsync(admin, $"?to={yesterday}")).Should().BeEmpty();
        var window = await StatisticsAsync(admin, $"?from={tomorrow}");
        window["overdue"]!["total"]!.GetValue<int>().Should().Be(0, "overdue counts are of the cases in the window");
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-45", "to")]
    [InlineData("?from=2026-05-02&to=2026-05-01", "to")]
    public async Task A_bad_window_is_a_problem_naming_the_parameter(string query, string field)
    {
        var response = await factory.CreateAuthorizedClient().GetAsync($"/api/statistics{query}");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field].Should().NotBeNull();
    }
}
