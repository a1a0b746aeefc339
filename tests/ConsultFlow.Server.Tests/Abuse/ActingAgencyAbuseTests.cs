using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using ConsultFlow.Server.Tests.EndToEnd.Processes;
using ConsultFlow.Server.Tests.Infrastructure;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// Acting in one's own name, over real HTTP: a start names only the caller's agency; another agency only with the
/// coordination office's recorded reason; API keys only for their own agency; only who may start a process sees and
/// starts it; agency fields accept only agencies of the directory of the right type; reassignment only to a role someone
/// holds. Every refusal is a problem naming the field, and no row of any kind is written.
/// </summary>
public abstract class ActingAgencyAbuseTests(LoopbackServer server) : IAsyncLifetime
{
    private UserSession staff = null!;
    private UserSession admin = null!;

    public async Task InitializeAsync()
    {
        staff = await server.SignInAsync("scjg-staff");
        admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);
    }

    public Task DisposeAsync()
    {
        staff.Dispose();
        admin.Dispose();
        return Task.CompletedTask;
    }

    private Task Unchanged(Func<Task> refused) => RecordCounts.UnchangedByAsync(server.Services, refused);

    private static JsonObject Referral(string? agency)
    {
        var input = new JsonObject
        {
            ["caseNo"] = "SCJG-YS-2026-" + Guid.NewGuid().ToString("N")[..6],
            ["caseName"] = "某食品公司生产销售不符合安全标准的食品案",
            ["suspect"] = "某食品有限公司",
            ["suspectedCrime"] = "生产、销售不符合安全标准的食品罪",
            ["thresholdFacts"] = "涉案货值金额约12万元。",
            ["evidenceSummary"] = "抽样检验报告、现场检查笔录。",
            ["itemList"] = "查封冷冻肉制品320箱。",
        };
        if (agency is not null) input["agency"] = agency;
        return input;
    }

    private static JsonObject Start(string definitionId, JsonObject input, JsonObject? actingFor = null)
    {
        var body = new JsonObject { ["definitionId"] = definitionId, ["input"] = input };
        if (actingFor is not null) body["actingFor"] = actingFor;
        return body;
    }

    [Fact]
    public Task Staff_cannot_start_a_referral_or_a_consultation_in_another_agencys_name() => Unchanged(async () =>
    {
        var referral = await (await staff.PostJsonAsync("/api/instances", Start("criminal-referral", Referral("zrzy"))))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "input.agency");
        referral["errors"]!["input.agency"]![0]!.GetValue<string>().Should().Contain("移送机关");
        await (await staff.PostJsonAsync("/api/instances", Start("consultation", new JsonObject
        {
            ["requestingAgency"] = "zrzy", ["background"] = "背景", ["mainContent"] = "内容",
        }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "input.requestingAgency");
        // Staff may not claim the office's exception either.
        await (await staff.PostJsonAsync("/api/instances", Start("criminal-referral", Referral("zrzy"),
            new JsonObject { ["agency"] = "zrzy", ["reason"] = "代为录入" }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actingFor.agency");
    });

    [Fact]
    public async Task The_acting_agency_is_filled_with_the_callers_own()
    {
        var id = await StartAsync(staff, "criminal-referral", Referral(null));
        var instance = await InstanceAsync(staff, id);
        instance["input"]!["agency"]!.GetValue<string>().Should().Be("scjg");
    }

    [Fact]
    public async Task An_api_key_acts_only_for_its_own_agency()
    {
        var created = await admin.PostOkAsync("/api/api-clients", new JsonObject
        {
            ["agency"] = "zrzy", ["name"] = $"自然资源局业务系统 {Guid.NewGuid():N}"[..20], ["roles"] = new JsonArray("staff"),
        });
        using var system = server.Anonymous();
        system.DefaultRequestHeaders.Add("X-Api-Key", created["key"]!.GetValue<string>());
        await Unchanged(async () =>
        {
            await (await system.PostAsJsonAsync("api/instances", Start("criminal-referral", Referral("scjg"))))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "input.agency");
            await (await system.PostAsJsonAsync("api/instances", Start("criminal-referral", Referral("scjg"),
                new JsonObject { ["agency"] = "scjg", ["reason"] = "接口代报" }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actingFor.agency");
        });
        var started = await system.PostAsJsonAsync("api/instances", Start("criminal-referral", Referral("zrzy")));
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_coordination_office_acts_for_an_agency_only_with_a_reason_the_case_keeps()
    {
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        await Unchanged(async () =>
        {
            // Its own name is not an enforcement unit's: a referral needs the exception, and the exception a reason.
            await (await coordinator.PostJsonAsync("/api/instances", Start("criminal-referral", Referral(null))))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await coordinator.PostJsonAsync("/api/instances", Start("criminal-referral", Referral("scjg"),
                new JsonObject { ["agency"] = "scjg", ["reason"] = "  " }))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "actingFor.reason");
            await (await coordinator.PostJsonAsync("/api/instances", Start("criminal-referral", Referral("scjg"),
                new JsonObject { ["agency"] = "nosuch-agency", ["reason"] = "系统故障" }))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "actingFor.agency");
        });

        var started = await coordinator.PostOkAsync("/api/instances", Start("criminal-referral", Referral(null),
            new JsonObject { ["agency"] = "scjg", ["reason"] = "市场监管局业务系统故障，经电话请求代为录入" }));
        var id = Guid.Parse(started["instanceId"]!.GetValue<string>());
        var instance = await InstanceAsync(admin, id);
        instance["input"]!["agency"]!.GetValue<string>().Should().Be("scjg");
        var first = (await JournalAsync(admin, id)).First(e => e!["kind"]!.GetValue<string>() == "instanceStarted")!;
        first["data"]!["actingFor"]!["reason"]!.GetValue<string>().Should().Contain("代为录入");
        first["actor"]!["agency"]!.GetValue<string>().Should().Be("sfj");
    }

    [Fact]
    public async Task Only_who_may_start_a_process_is_offered_it_and_may_start_it()
    {
        var offered = (await staff.GetJsonAsync("/api/definitions")).AsArray()
            .ToDictionary(d => d!["definitionId"]!.GetValue<string>(), d => d!["mayStart"]!.GetValue<bool>());
        offered["criminal-referral"].Should().BeTrue();
        offered["reverse-referral"].Should().BeFalse();
        offered["task-decomposition"].Should().BeFalse();

        using var police = await server.SignInAsync("gaj-staff");
        await Unchanged(async () =>
        {
            await (await police.PostJsonAsync("/api/instances", Start("criminal-referral", Referral(null)))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await staff.PostJsonAsync("/api/instances", Start("task-decomposition", new JsonObject
            {
                ["tasks"] = new JsonArray(new JsonObject { ["task"] = "整改", ["responsibleUnits"] = new JsonArray("scjg"), ["deadline"] = "2026-12-31" }),
            }))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        });
    }

    [Fact]
    public async Task A_referral_is_forwarded_only_to_a_police_office_of_the_directory()
    {
        using var leader = await server.SignInAsync("scjg-leader");
        using var police = await server.SignInAsync("gaj-staff");
        var id = await StartAsync(staff, "criminal-referral", Referral(null));
        await CompleteAsync(leader, id, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四", ["certificateNos"] = "64020001、64020002" });
        await CompleteAsync(staff, id, "teamReport", "submitted", new JsonObject { ["verification"] = "已核实。", ["report"] = "att-report" });
        await CompleteAsync(leader, id, "headDecision", "approve", new JsonObject { ["opinion"] = "同意移送。" });
        await CompleteAsync(staff, id, "transfer", "transferred", new JsonObject
        {
            ["transferLetter"] = "att-letter", ["investigationReport"] = "att-investigation", ["itemList"] = "att-items",
            ["testingReport"] = "att-testing", ["otherMaterials"] = new JsonArray("att-record"),
        });
        var receipt = await InboxTaskAsync(police, id, "receipt");
        var complete = $"/api/tasks/{receipt["id"]!.GetValue<string>()}/complete";

        await Unchanged(async () =>
        {
            foreach (var agency in new[] { "zrzy", "sfj", "nosuch-agency", "../../etc" })
            {
                var problem = await (await police.PostJsonAsync(complete, new JsonObject
                {
                    ["outcome"] = "forward", ["data"] = new JsonObject { ["competentOffice"] = agency, ["reasons"] = "不属本局管辖" },
                })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.competentOffice");
                problem["errors"]!["data.competentOffice"]![0]!.GetValue<string>().Should().NotContain("ConsultFlow.");
            }
        });
        (await InboxTaskAsync(police, id, "receipt"))["status"]!.GetValue<string>().Should().Be("open");
    }

    private const string Category = "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题";

    [Fact]
    public async Task A_consultation_takes_a_bounded_list_of_member_agencies_as_participants()
    {
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        var id = await StartAsync(staff, "consultation", new JsonObject
        {
            ["subject"] = "食品摊贩管理职责", ["background"] = "职责交叉。", ["mainContent"] = "明确牵头单位。",
        });
        var review = await InboxTaskAsync(coordinator, id, "review");
        var complete = $"/api/tasks/{review["id"]!.GetValue<string>()}/complete";
        await Unchanged(async () =>
        {
            await (await coordinator.PostJsonAsync(complete, new JsonObject
            {
                ["outcome"] = "accept",
                ["data"] = new JsonObject { ["category"] = Category, ["participants"] = new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => (JsonNode)$"unit-{i}")]) },
            })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.participants");
            await (await coordinator.PostJsonAsync(complete, new JsonObject
            {
                ["outcome"] = "accept",
                ["data"] = new JsonObject { ["category"] = Category, ["participants"] = new JsonArray("scjg", "nosuch-agency"), ["format"] = "现场会" },
            })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.participants[1]");
        });
    }

    [Fact]
    public async Task Agencies_inside_list_items_are_checked_against_the_directory()
    {
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        JsonObject Dispute(JsonArray positions) => new()
        {
            ["definitionId"] = "jurisdiction-dispute",
            ["input"] = new JsonObject
            {
                ["agencies"] = new JsonArray("scjg", "zrzy"), ["matter"] = "占用林地建设养殖场的查处", ["disputeType"] = "claim",
                ["facts"] = "两单位均主张管辖。", ["firstDiscoverer"] = "scjg", ["discoveredAt"] = "2026-03-01T09:00:00+08:00",
                ["legalBasis"] = "《行政处罚法》第二十五条", ["positions"] = positions,
            },
        };
        await Unchanged(async () =>
        {
            await (await staff.PostJsonAsync("/api/instances", Dispute(new JsonArray(
                new JsonObject { ["agency"] = "scjg", ["position"] = "本局先发现。" },
                new JsonObject { ["agency"] = "nosuch-agency", ["position"] = "伪造的一方。" }))))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.positions[1].agency");
            var problem = await (await staff.PostJsonAsync("/api/instances", Dispute(new JsonArray(new JsonObject { ["agency"] = "scjg" }))))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.positions");
            problem["errors"]!["input.positions"]![0]!.GetValue<string>().Should().Contain("第 1 项");
            await (await coordinator.PostJsonAsync("/api/instances", new JsonObject
            {
                ["definitionId"] = "task-decomposition",
                ["input"] = new JsonObject
                {
                    ["tasks"] = new JsonArray(new JsonObject
                    {
                        ["seq"] = 1, ["task"] = "建立联合执法机制", ["responsibleUnits"] = new JsonArray("scjg", "../../etc"), ["due"] = "2027-06-30",
                    }),
                },
            })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input.tasks[0].responsibleUnits[1]");
        });
    }

    [Fact]
    public async Task A_task_is_reassigned_only_to_a_role_someone_in_its_agency_holds()
    {
        using var leader = await server.SignInAsync("scjg-leader");
        var id = await StartAsync(staff, "criminal-referral", Referral(null));
        var task = await InboxTaskAsync(leader, id, "appointTeam");
        await Unchanged(async () =>
            await (await leader.PostJsonAsync($"/api/tasks/{task["id"]!.GetValue<string>()}/reassign", new JsonObject { ["toRole"] = "administrator" }))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "toRole"));
    }
}

[Collection(ProcessServerCollection.Name)]
public sealed class SqliteActingAgencyAbuseTests(SqliteLoopbackServer server) : ActingAgencyAbuseTests(server);

[Collection(PostgresCollection.Name)]
public sealed class PostgresActingAgencyAbuseTests(PostgresLoopbackServer server) : ActingAgencyAbuseTests(server), IClassFixture<PostgresLoopbackServer>;
