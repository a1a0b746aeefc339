using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.Cases.CaseServer;

namespace ConsultFlow.Server.Tests.Cases;

/// <summary>GET /api/cases: filters, paging with the total, visibility, and bad parameters named in a 422.</summary>
public sealed class CaseListTests(CaseServer server) : IClassFixture<CaseServer>
{
    private static async Task<JsonObject> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/cases?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<Guid> Ids(JsonObject list) => list["items"]!.AsArray().Select(i => Guid.Parse(i!["instanceId"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task Filters_and_paging_narrow_the_list_and_the_total_counts_every_match()
    {
        // Three cases a day apart: A (case-demo, stays open), B (case-demo, completed), C (case-other, undated task).
        var (a, _) = await server.StartAsync("LST-A-001");
        server.Time.Set(Start.AddDays(1));
        var (b, bTask) = await server.StartAsync("LST-B-002");
        server.Time.Set(Start.AddDays(2));
        var (c, _) = await server.StartAsync("lst-c-003", process: "case-other");
        var police = await server.UserAsync("gaj-staff1");
        (await police.PostAsync($"/api/tasks/{bTask}/complete", Json("""{ "outcome": "signed" }"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        var office = await server.UserAsync("sfj-coordinator");

        var all = await ListAsync(office, "text=LST-");
        Ids(all).Should().Equal(c, b, a);
        all["total"]!.GetValue<int>().Should().Be(3);
        var item = all["items"]![2]!;
        item["processId"]!.GetValue<string>().Should().Be("case-demo");
        item["processName"]!.GetValue<string>().Should().Be("案件演示");
        item["version"]!.GetValue<int>().Should().Be(1);
        item["status"]!.GetValue<string>().Should().Be("suspended");
        item["correlationKey"]!.GetValue<string>().Should().Be("LST-A-001");
        item["startedByAgency"]!.GetValue<string>().Should().Be("scjg");
        item["startedByAgencyName"]!.GetValue<string>().Should().Be("市场监管局");
        item["openTaskCount"]!.GetValue<int>().Should().Be(1);
        DateTimeOffset.Parse(item["nextDueAt"]!.GetValue<string>()).Should().Be(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)));
        item["trafficLight"]!.GetValue<string>().Should().Be("green", "two of its three and a half days have not yet run out");
        DateTimeOffset.Parse(item["createdAt"]!.GetValue<string>()).Should().Be(Start);
        all["items"]![0]!["trafficLight"].Should().BeNull("case-other's task has no due time");
        all["items"]![1]!["openTaskCount"]!.GetValue<int>().Should().Be(0);

        Ids(await ListAsync(office, "text=LST-&process=case-other")).Should().Equal(c);
        Ids(await ListAsync(office, "text=LST-&status=completed")).Should().Equal(b);
        Ids(await ListAsync(office, "text=LST-&status=Suspended")).Should().Equal(c, a);
        Ids(await ListAsync(office, "text=lst-b")).Should().Equal(b);
        Ids(await ListAsync(office, "text=其他")).Should().Equal([c], "the text also matches the process name");
        Ids(await ListAsync(office, "text=LST-&createdFrom=2026-03-03&createdTo=2026-03-03")).Should().Equal([b], "a date is a whole day in Beijing");
        Ids(await ListAsync(office, "text=LST-&createdFrom=2026-03-03")).Should().Equal(c, b);
        Ids(await ListAsync(office, "text=LST-&createdTo=2026-03-02T09:00:00%2B08:00")).Should().BeEmpty("a time is an exclusive end");
        Ids(await ListAsync(office, "text=LST-&agency=gaj")).Should().Equal(c, b, a);
        Ids(await ListAsync(office, "text=LST-&agency=zrzy")).Should().BeEmpty();

        var page = await ListAsync(office, "text=LST-&skip=1&take=1");
        Ids(page).Should().Equal(b);
        page["total"]!.GetValue<int>().Should().Be(3);
        page["skip"]!.GetValue<int>().Should().Be(1);
        page["take"]!.GetValue<int>().Should().Be(1);

        Ids(await ListAsync(office, "text=LST-&overdue=true")).Should().BeEmpty();
        server.Time.Set(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)));
        office = await server.UserAsync("sfj-coordinator");
        var overdue = await ListAsync(office, "text=LST-&overdue=true");
        Ids(overdue).Should().Equal([a], "A's receipt is due now; B's was completed and C's has no due time");
        overdue["total"]!.GetValue<int>().Should().Be(1);
        overdue["items"]![0]!["trafficLight"]!.GetValue<string>().Should().Be("red");
        Ids(await ListAsync(office, "text=LST-&overdue=false")).Should().HaveCount(3, "false does not filter");
    }

    [Fact]
    public async Task An_unrelated_agency_sees_no_case_and_its_counts_leave_them_out()
    {
        var (id, _) = await server.StartAsync("VIS-001");
        var unrelated = await server.UserAsync("zrzy-staff");
        var police = await server.UserAsync("gaj-staff1");
        var starter = await server.UserAsync("scjg-staff");

        var nothing = await ListAsync(unrelated, "take=500");
        Ids(nothing).Should().NotContain(id);
        nothing["total"]!.GetValue<int>().Should().Be(0);
        (await ListAsync(unrelated, "agency=gaj&text=VIS"))["total"]!.GetValue<int>().Should().Be(0,
            "asking for another agency's cases still shows only one's own");
        (await unrelated.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        foreach (var party in new[] { police, starter, server.CreateAuthorizedClient() })
        {
            var list = await ListAsync(party, "text=VIS-001");
            Ids(list).Should().Equal(id);
            list["total"]!.GetValue<int>().Should().Be(1);
            (await party.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        (await ListAsync(police, "agency=zrzy&text=VIS-001"))["total"]!.GetValue<int>().Should().Be(1,
            "for those who do not see every case the agency filter is always their own");
        (await police.GetAsync($"/api/cases/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("status=1", "status")]
    [InlineData("createdFrom=2026-13-01", "createdFrom")]
    [InlineData("createdTo=yesterday", "createdTo")]
    [InlineData("createdFrom=2026-03-05&createdTo=2026-03-01", "createdTo")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("skip=-1", "skip")]
    [InlineData("skip=ten", "skip")]
    [InlineData("take=0", "take")]
    [InlineData("take=501", "take")]
    public async Task A_bad_parameter_is_a_422_naming_it(string query, string parameter)
    {
        var client = await server.UserAsync("scjg-staff");

        var response = await client.GetAsync($"/api/cases?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(parameter);
    }

    [Fact]
    public async Task Several_bad_parameters_are_named_together_and_a_long_text_is_refused()
    {
        var client = await server.UserAsync("scjg-staff");

        var response = await client.GetAsync($"/api/cases?status=x&overdue=y&text={new string('案', 101)}");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("status", "overdue", "text");
    }
}
