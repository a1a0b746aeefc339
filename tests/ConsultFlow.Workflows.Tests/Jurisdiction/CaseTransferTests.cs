using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Jurisdiction.JurisdictionTestKit;

namespace ConsultFlow.Workflows.Tests.Jurisdiction;

/// <summary>DOMAIN.md G: 案件移送抄告 (S001 17, 20(3)).</summary>
public sealed class CaseTransferTests
{
    private const string Flow = "case-transfer";
    private const string Township = Agencies.Township;
    private const string Zrzy = Agencies.NaturalResources;
    private const string City = "szrzy"; // 市自然资源局 (the city-level department given in the input)
    private const string TransferBasis = "案件移送抄告制度（可配置）";

    private static string Transfer(Action<JsonObject>? change = null)
    {
        var input = new JsonObject
        {
            ["discoveringAgency"] = Township,
            ["competentAgency"] = Zrzy,
            ["cityDepartment"] = City,
            ["matter"] = "非法开采河砂",
            ["facts"] = "巡查发现当事人在河道内采砂，超出综合执法局权限。",
            ["party"] = "某砂石场",
            ["discoveredAt"] = "2026-03-02T08:30:00+08:00",
            ["legalBasis"] = "S001 第二十条第（三）项",
        };
        change?.Invoke(input);
        return input.ToJsonString();
    }

    private static async Task<Guid> StartAndTransfer(DomainHarness harness)
    {
        var id = (await harness.StartAsync(Flow, Transfer())).InstanceId;
        var stop = await harness.TaskAsync(id, "stopAndPreserve").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        var missing = await Rejected(() => harness.CompleteAsync(stop, "done", """{"stopOrdered": true}"""));
        missing.Errors.Select(e => e.Field).Should().Contain("data.evidence");
        await harness.CompleteAsync(stop, "done", """{"stopOrdered": true, "evidence": "现场照片、采砂设备登记"}""");
        await harness.TaskAsync(id, "transfer").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        await harness.CompleteAsync(id, "transfer", "transferred", """{"letterNo": "星综执移〔2026〕1号", "materials": "现场检查笔录、照片"}""");
        return id;
    }

    [Fact]
    public async Task Transfer_without_the_required_facts_is_refused_naming_the_fields()
    {
        var harness = await DomainHarness.CreateAsync();

        var error = await Rejected(() => harness.StartAsync(Flow, Transfer(i => { i.Remove("competentAgency"); i.Remove("cityDepartment"); i.Remove("facts"); })));

        error.Errors.Select(e => e.Field).Should().BeEquivalentTo("input.competentAgency", "input.cityDepartment", "input.facts");
    }

    [Fact]
    public async Task Violation_outside_ones_powers_is_stopped_preserved_transferred_accepted_and_copied_to_the_city_department()
    {
        var harness = await DomainHarness.CreateAsync("chuxiong");
        var id = await StartAndTransfer(harness);

        var accept = await harness.TaskAsync(id, "acceptTransfer").ShouldBeAssigned(Zrzy, Agencies.Roles.Contact);
        accept.DueAt.Should().Be(Midnight(2026, 3, 10)); // 5 working days
        accept.LegalBasis.Should().Be(TransferBasis);
        await harness.CompleteAsync(accept, "accept", """{"caseNumber": "区自然资源收〔2026〕8号"}""");

        var copy = await harness.TaskAsync(id, "copyToCity").ShouldBeAssigned(City, Agencies.Roles.Contact);
        copy.Title.Zh.Should().StartWith("抄告");
        var done = await harness.CompleteAsync(copy, "acknowledged");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["result"]).Should().Be("accepted");
        Str(done.Output["competentAgency"]).Should().Be(Zrzy);
    }

    [Fact]
    public async Task Returned_transfer_needs_reasons_and_can_be_sent_on_to_another_competent_agency()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = await StartAndTransfer(harness);

        var noReasons = await Rejected(() => harness.CompleteAsync(id, "acceptTransfer", "return", "{}"));
        noReasons.Errors.Select(e => e.Field).Should().Contain("data.reasons");
        await harness.CompleteAsync(id, "acceptTransfer", "return", """{"reasons": "河道采砂属水务部门职责"}""");

        var handle = await harness.TaskAsync(id, "handleReturn").ShouldBeAssigned(Township, Agencies.Roles.Leader);
        var noAgency = await Rejected(() => harness.CompleteAsync(handle, "transferElsewhere", """{"reasons": "改送水务局"}"""));
        noAgency.Errors.Select(e => e.Field).Should().Contain("data.newAgency");
        await harness.CompleteAsync(handle, "transferElsewhere", """{"newAgency": "slj", "reasons": "改送水务局"}""");

        await harness.CompleteAsync(id, "transfer", "transferred", """{"letterNo": "星综执移〔2026〕2号", "materials": "同前"}""");
        var accept = await harness.TaskAsync(id, "acceptTransfer").ShouldBeAssigned("slj", Agencies.Roles.Contact);
        await harness.CompleteAsync(accept, "accept", """{"caseNumber": "水务收〔2026〕1号"}""");
        var done = await harness.CompleteAsync(id, "copyToCity", "acknowledged");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["competentAgency"]).Should().Be("slj");
    }

    [Fact]
    public async Task Returned_transfer_can_be_raised_as_a_jurisdiction_dispute()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = await StartAndTransfer(harness);
        await harness.CompleteAsync(id, "acceptTransfer", "return", """{"reasons": "不属本局职责"}""");

        var done = await harness.CompleteAsync(id, "handleReturn", "raiseDispute", """{"reasons": "双方对管辖有争议，提请协调"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["result"]).Should().Be("jurisdictionDispute");
        (await harness.JournalAsync(id)).Should().NotContain(e => e.ActivityId == "copyToCity");
    }

    [Fact]
    public async Task Transfer_not_accepted_within_5_working_days_raises_a_red_alert_and_stays_open()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = await StartAndTransfer(harness);
        var accept = await harness.TaskAsync(id, "acceptTransfer");

        await harness.AdvanceAsync(Midnight(2026, 3, 10) - harness.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        (await harness.AlertsAsync(id)).Should().BeEmpty();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));

        var alert = (await harness.AlertsAsync(id)).Should().ContainSingle().Subject;
        Str(alert["level"]).Should().Be("red");
        Str(alert["notify"]![0]!["agency"]).Should().Be(Agencies.CoordinationOffice);
        Str(alert["legalBasis"]).Should().Be(TransferBasis);
        (await harness.OpenTasksAsync(id)).Should().ContainSingle(t => t.Id == accept.Id);
    }
}
