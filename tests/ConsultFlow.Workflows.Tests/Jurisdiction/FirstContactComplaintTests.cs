using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Jurisdiction.JurisdictionTestKit;

namespace ConsultFlow.Workflows.Tests.Jurisdiction;

/// <summary>DOMAIN.md G: 首问责任制 (S001 20(4), 25-26).</summary>
public sealed class FirstContactComplaintTests
{
    private const string Flow = "first-contact-complaint";
    private const string Township = Agencies.Township;
    private const string Scjg = Agencies.MarketRegulation;
    private const string ComplaintBasis = "首问责任制（可配置）";

    private static string Complaint(Action<JsonObject>? change = null)
    {
        var input = new JsonObject
        {
            ["firstReceiver"] = Township,
            ["subject"] = "农贸市场销售过期食品",
            ["content"] = "3月1日在星海镇农贸市场购买的牛奶已过保质期。",
            ["channel"] = "来电",
            ["complainant"] = "张某",
            ["complainantContact"] = "13800000000",
            ["receivedAt"] = "2026-03-02T08:45:00+08:00",
        };
        change?.Invoke(input);
        return input.ToJsonString();
    }

    [Fact]
    public async Task Complaint_without_content_or_complainant_is_refused_naming_the_fields()
    {
        var harness = await DomainHarness.CreateAsync();

        var error = await Rejected(() => harness.StartAsync(Flow, Complaint(i => { i.Remove("content"); i.Remove("complainant"); })));

        error.Errors.Select(e => e.Field).Should().BeEquivalentTo("input.content", "input.complainant");
    }

    [Fact]
    public async Task Competent_first_receiver_verifies_handles_and_answers_the_complainant_within_7_working_days()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Complaint())).InstanceId;

        var verify = await harness.TaskAsync(id, "acceptVerify").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        await harness.CompleteAsync(verify, "competent", """{"verification": "经现场核实属实"}""");

        var answer = await harness.TaskAsync(id, "answerComplainant").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        answer.DueAt.Should().Be(Midnight(2026, 3, 12)); // 7 working days: 3,4,5,6,9,10,11 March
        answer.LegalBasis.Should().Be(ComplaintBasis);
        var noMethod = await Rejected(() => harness.CompleteAsync(answer, "answered", """{"result": "已立案查处"}"""));
        noMethod.Errors.Select(e => e.Field).Should().Contain("data.replyMethod");
        var done = await harness.CompleteAsync(answer, "answered", """{"result": "已立案查处", "replyMethod": "电话"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["handlingAgency"]).Should().Be(Township);
        done.Output["transferred"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Not_competent_first_receiver_transfers_in_writing_tells_the_complainant_and_the_final_unit_answers()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Complaint())).InstanceId;

        var noTarget = await Rejected(() => harness.CompleteAsync(id, "acceptVerify", "notCompetent", """{"verification": "属食品安全监管事项"}"""));
        noTarget.Errors.Select(e => e.Field).Should().Contain(["data.competentAgency", "data.transferReason"]);
        await harness.CompleteAsync(id, "acceptVerify", "notCompetent",
            """{"verification": "属食品安全监管事项", "competentAgency": "scjg", "transferReason": "食品安全不在赋权清单内"}""");

        (await harness.OpenActivities(id)).Should().BeEquivalentTo(["informComplainant@xhz", "acceptTransfer@scjg"]);
        await harness.TaskAsync(id, "informComplainant").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        var accept = await harness.TaskAsync(id, "acceptTransfer").ShouldBeAssigned(Scjg, Agencies.Roles.Contact);
        accept.DueAt.Should().Be(Midnight(2026, 3, 10));
        accept.LegalBasis.Should().Be("案件移送抄告制度（可配置）");

        await harness.CompleteAsync(id, "informComplainant", "informed", """{"method": "电话", "content": "已移送区市场监管局处理"}""");
        await harness.CompleteAsync(accept, "accept");
        var answer = await harness.TaskAsync(id, "answerComplainant").ShouldBeAssigned(Scjg, Agencies.Roles.Staff);
        var done = await harness.CompleteAsync(answer, "answered", """{"result": "责令下架并立案", "replyMethod": "书面"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["handlingAgency"]).Should().Be(Scjg);
        done.Output["transferred"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Transferred_complaint_returned_with_reasons_comes_back_to_the_first_receiver()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Complaint())).InstanceId;
        await harness.CompleteAsync(id, "acceptVerify", "notCompetent",
            """{"verification": "核实", "competentAgency": "scjg", "transferReason": "不属本单位"}""");
        await harness.CompleteAsync(id, "informComplainant", "informed", """{"method": "短信", "content": "已移送"}""");

        var noReasons = await Rejected(() => harness.CompleteAsync(id, "acceptTransfer", "return", "{}"));
        noReasons.Errors.Select(e => e.Field).Should().Contain("data.reasons");
        await harness.CompleteAsync(id, "acceptTransfer", "return", """{"reasons": "农贸市场秩序已赋权乡镇综合执法局"}""");

        await harness.TaskAsync(id, "acceptVerify").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        await harness.CompleteAsync(id, "acceptVerify", "competent", """{"verification": "重新核实属本单位赋权事项"}""");
        var answer = await harness.TaskAsync(id, "answerComplainant").ShouldBeAssigned(Township, Agencies.Roles.Staff);
        var done = await harness.CompleteAsync(answer, "answered", """{"result": "已处理", "replyMethod": "电话"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["handlingAgency"]).Should().Be(Township);
    }

    [Fact]
    public async Task Complainant_not_answered_within_7_working_days_raises_a_red_alert_and_the_task_stays_open()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Complaint())).InstanceId;
        await harness.CompleteAsync(id, "acceptVerify", "competent", """{"verification": "属实"}""");
        var answer = await harness.TaskAsync(id, "answerComplainant");

        await harness.AdvanceAsync(Midnight(2026, 3, 12) - harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var alert = (await harness.AlertsAsync(id)).Should().ContainSingle().Subject;
        Str(alert["level"]).Should().Be("red");
        Str(alert["notify"]![0]!["agency"]).Should().Be(Agencies.CoordinationOffice);
        Str(alert["legalBasis"]).Should().Be(ComplaintBasis);
        (await harness.OpenTasksAsync(id)).Should().ContainSingle(t => t.Id == answer.Id);
    }

    [Fact]
    public async Task Transferred_complaint_not_accepted_in_time_raises_a_red_alert()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Complaint())).InstanceId;
        await harness.CompleteAsync(id, "acceptVerify", "notCompetent",
            """{"verification": "核实", "competentAgency": "scjg", "transferReason": "不属本单位"}""");

        await harness.AdvanceAsync(Midnight(2026, 3, 10) - harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var alert = (await harness.AlertsAsync(id)).Should().ContainSingle().Subject;
        Str(alert["level"]).Should().Be("red");
        (await harness.OpenActivities(id)).Should().Contain("acceptTransfer@scjg");
    }
}
