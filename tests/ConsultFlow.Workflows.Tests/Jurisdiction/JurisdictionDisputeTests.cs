using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Jurisdiction.JurisdictionTestKit;

namespace ConsultFlow.Workflows.Tests.Jurisdiction;

/// <summary>DOMAIN.md B: 管辖权争议 (行政处罚法 art. 25; S001 18, 20(3); S002 17(3)), acceptance scenarios 8 and 9.</summary>
public sealed class JurisdictionDisputeTests
{
    private const string Flow = "jurisdiction-dispute";
    private const string Scjg = Agencies.MarketRegulation;
    private const string Zrzy = Agencies.NaturalResources;
    private const string Sfj = Agencies.CoordinationOffice;
    private const string Gov = Agencies.Government;
    private const string LocalPractice = "地方实践（可配置）";

    // ---------- registration ----------

    [Fact]
    public async Task Registration_missing_required_fields_is_refused_naming_each_field()
    {
        var harness = await DomainHarness.CreateAsync();

        var error = await Rejected(() => harness.StartAsync(Flow, Dispute(i =>
        {
            i.Remove("matter");
            i.Remove("facts");
            i.Remove("firstDiscoverer");
            i.Remove("discoveredAt");
            i.Remove("positions");
            i.Remove("legalBasis");
        })));

        error.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            "input.matter", "input.facts", "input.firstDiscoverer", "input.discoveredAt", "input.positions", "input.legalBasis");
    }

    [Theory]
    [InlineData("single agency", "input.agencies")]
    [InlineData("unknown type", "input.disputeType")]
    public async Task A_start_that_is_not_a_dispute_between_two_agencies_is_refused_naming_the_field(string defect, string field)
    {
        var harness = await DomainHarness.CreateAsync();

        var error = await Rejected(() => harness.StartAsync(Flow, Dispute(i =>
        {
            if (defect == "single agency") i["agencies"] = new JsonArray(Scjg);
            else i["disputeType"] = "both";
        })));

        error.Errors.Select(e => e.Field).Should().Equal(field);
        (await harness.Instances.ListInstancesAsync(new())).Should().BeEmpty();
    }

    [Theory]
    [InlineData("discoverer not a party")]
    [InlineData("first opener without time")]
    public async Task Registration_that_does_not_describe_a_dispute_between_two_agencies_is_not_accepted(string defect)
    {
        var harness = await DomainHarness.CreateAsync();

        var result = await harness.StartAsync(Flow, Dispute(i =>
        {
            switch (defect)
            {
                case "discoverer not a party": i["firstDiscoverer"] = Agencies.Emergency; break;
                case "first opener without time": i["firstOpened"] = Scjg; break;
            }
        }));

        result.Status.Should().Be(WorkflowStatus.Completed);
        Str(result.Output!["result"]).Should().Be("registrationRejected");
        (await harness.OpenTasksAsync(result.InstanceId)).Should().BeEmpty();
    }

    // ---------- scenario 8: the agency that opened the case first handles it ----------

    [Fact]
    public async Task Scenario8_two_competent_agencies_the_one_that_opened_first_handles_it_when_the_other_does_not_object()
    {
        var harness = await DomainHarness.CreateAsync();
        var started = await harness.StartAsync(Flow, Dispute(i => { i["firstOpened"] = Scjg; i["openedAt"] = "2026-03-01T15:00:00+08:00"; }));

        // Only the other side is asked; the first opener is not asked to confirm its own jurisdiction.
        (await harness.OpenActivities(started.InstanceId)).Should().BeEquivalentTo(["confirmFirstOpener@zrzy"]);
        var confirm = await harness.TaskAsync(started.InstanceId, "confirmFirstOpener").ShouldBeAssigned(Zrzy, Agencies.Roles.Contact);
        confirm.DueAt.Should().Be(Midnight(2026, 3, 10)); // 5 working days: 3,4,5,6,9 March
        confirm.LegalBasis.Should().Be(LocalPractice);

        var done = await harness.CompleteAsync(confirm, "noObjection");

        done.Status.Should().Be(WorkflowStatus.Completed);
        Str(done.Output!["path"]).Should().Be("firstOpener");
        Str(done.Output["handlingAgency"]).Should().Be(Scjg);
        Str(done.Output["interimStatus"]).Should().Be("none");
        (await harness.JournalAsync(started.InstanceId)).Should().NotContain(e => e.ActivityId == "negotiation" || e.ActivityId == "stopAndPreserve");
    }

    [Fact]
    public async Task First_opener_keeps_the_case_when_the_other_side_lets_the_reply_period_pass_recorded_as_no_reply()
    {
        var harness = await DomainHarness.CreateAsync();
        var started = await harness.StartAsync(Flow, Dispute(i => { i["firstOpened"] = Zrzy; i["openedAt"] = "2026-03-01T15:00:00+08:00"; }));
        await harness.TaskAsync(started.InstanceId, "confirmFirstOpener").ShouldBeAssigned(Scjg, Agencies.Roles.Contact);

        await harness.AdvanceAsync(Midnight(2026, 3, 10) - harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var state = await harness.StateAsync(started.InstanceId);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["handlingAgency"]).Should().Be(Zrzy);
        Str(state.Outputs["othersConfirm"]!["results"]![0]!["outputs"]!["confirmFirstOpener"]!["outcome"]).Should().Be("noReply");
    }

    [Fact]
    public async Task Scenario8_a_dispute_of_the_first_opener_goes_to_negotiation_and_then_the_superior_designates()
    {
        var harness = await DomainHarness.CreateAsync("chuxiong");
        var id = (await harness.StartAsync(Flow, Dispute(i => { i["firstOpened"] = Scjg; i["openedAt"] = "2026-03-01T15:00:00+08:00"; }))).InstanceId;

        // An objection needs its grounds.
        var noGrounds = await Rejected(() => harness.CompleteAsync(id, "confirmFirstOpener", "dispute", "{}"));
        noGrounds.Errors.Select(e => e.Field).Should().Contain("data.objection");
        await harness.CompleteAsync(id, "confirmFirstOpener", "dispute", """{"objection": "占用耕地属自然资源部门职责"}""");

        // Negotiation (organised by the first discoverer) and, under Chuxiong, its stop-and-preserve duty.
        (await harness.OpenActivities(id)).Should().BeEquivalentTo(["stopAndPreserve@scjg", "negotiation@scjg"]);
        var negotiation = await harness.TaskAsync(id, "negotiation").ShouldBeAssigned(Scjg, Agencies.Roles.Contact);
        negotiation.DueAt.Should().Be(Midnight(2026, 3, 10));
        var noReasons = await Rejected(() => harness.CompleteAsync(negotiation, "failed", """{"participants": ["scjg", "zrzy"], "record": "双方各执己见"}"""));
        noReasons.Errors.Select(e => e.Field).Should().Contain("data.failureReasons");
        await harness.CompleteAsync(negotiation, "failed",
            """{"participants": ["scjg", "zrzy"], "record": "3月2日双方协商", "failureReasons": "双方均主张管辖"}""");

        // Application to the coordination office, accepted within 3 working days.
        var application = await harness.TaskAsync(id, "coordinationApplication").ShouldBeAssigned(Sfj, Agencies.Roles.Coordinator);
        application.DueAt.Should().Be(Midnight(2026, 3, 6));
        await harness.CompleteAsync(application, "accept");

        var coordination = await harness.TaskAsync(id, "coordination").ShouldBeAssigned(Sfj, Agencies.Roles.Coordinator);
        coordination.DueAt.Should().Be(Midnight(2026, 3, 17)); // 10 working days
        await harness.CompleteAsync(coordination, "proposeToGovernment", """{"proposal": "涉及耕地保护，属重大事项，建议由自然资源局管辖", "suggestedAgency": "zrzy"}""");

        // The common superior designates (行政处罚法 art. 25).
        var designation = await harness.TaskAsync(id, "designation").ShouldBeAssigned(Gov, Agencies.Roles.Leader);
        designation.DueAt.Should().Be(Midnight(2026, 3, 24)); // 15 working days
        designation.LegalBasis.Should().Be("《行政处罚法》第二十五条");
        await harness.CompleteAsync(designation, "designate", """{"designatedAgency": "zrzy", "decision": "指定由区自然资源局管辖"}""");

        var report = await harness.TaskAsync(id, "executionReport").ShouldBeAssigned(Zrzy, Agencies.Roles.Contact);
        await harness.CompleteAsync(report, "reported", """{"execution": "已立案查处", "caseNumber": "星自然资罚立〔2026〕3号"}""");
        await harness.CompleteAsync(id, "stopAndPreserve", "done",
            """{"stopOrdered": true, "evidence": "现场拍照、询问笔录", "informedAgencies": ["zrzy"]}""");

        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["path"]).Should().Be("governmentDesignation");
        Str(state.Output["handlingAgency"]).Should().Be(Zrzy);
        Str(state.Output["interimStatus"]).Should().Be("preserved");
    }

    [Fact]
    public async Task Negotiation_that_agrees_settles_jurisdiction_without_the_coordination_office()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute())).InstanceId;

        var missingAgency = await Rejected(() => harness.CompleteAsync(id, "negotiation", "agreed", """{"participants": ["scjg", "zrzy"], "record": "协商一致"}"""));
        missingAgency.Errors.Select(e => e.Field).Should().Contain("data.handlingAgency");
        await harness.CompleteAsync(id, "negotiation", "agreed", """{"participants": ["scjg", "zrzy"], "record": "按监管职责由自然资源局管辖", "handlingAgency": "zrzy"}""");
        await harness.CompleteAsync(id, "stopAndPreserve", "done", """{"stopOrdered": true, "evidence": "现场勘验笔录", "informedAgencies": ["zrzy"]}""");

        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["path"]).Should().Be("negotiation");
        Str(state.Output["handlingAgency"]).Should().Be(Zrzy);
        (await harness.JournalAsync(id)).Should().NotContain(e => e.ActivityId == "coordinationApplication");
    }

    [Fact]
    public async Task Coordination_office_can_return_the_application_for_further_negotiation_with_reasons()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute())).InstanceId;
        await harness.CompleteAsync(id, "negotiation", "failed", """{"participants": ["scjg", "zrzy"], "record": "未协商", "failureReasons": "对方未到场"}""");

        var noReason = await Rejected(() => harness.CompleteAsync(id, "coordinationApplication", "return", "{}"));
        noReason.Errors.Select(e => e.Field).Should().Contain("data.reason");
        await harness.CompleteAsync(id, "coordinationApplication", "return", """{"reason": "未实际组织协商，请补充协商记录"}""");

        var again = await harness.TaskAsync(id, "negotiation").ShouldBeAssigned(Scjg, Agencies.Roles.Contact);
        again.DueAt.Should().Be(Midnight(2026, 3, 10));
        (await harness.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task Coordination_opinion_names_the_handling_agency_which_reports_execution()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute())).InstanceId;
        await harness.CompleteAsync(id, "negotiation", "failed", """{"participants": ["scjg", "zrzy"], "record": "协商记录", "failureReasons": "均主张管辖"}""");
        await harness.CompleteAsync(id, "coordinationApplication", "accept");

        var noOpinion = await Rejected(() => harness.CompleteAsync(id, "coordination", "opinion", """{"handlingAgency": "scjg"}"""));
        noOpinion.Errors.Select(e => e.Field).Should().Contain("data.opinion");
        await harness.CompleteAsync(id, "coordination", "opinion", """{"handlingAgency": "scjg", "opinion": "无照经营为主要违法行为，由市场监管局管辖，占地问题移送自然资源局"}""");

        (await harness.OpenActivities(id)).Should().NotContain(a => a.StartsWith("designation"));
        var report = await harness.TaskAsync(id, "executionReport").ShouldBeAssigned(Scjg, Agencies.Roles.Contact);
        report.DueAt.Should().Be(Midnight(2026, 3, 24)); // 20 calendar days → Sunday 22 March → Monday 23 March, 24:00
        await harness.CompleteAsync(report, "reported", """{"execution": "已立案"}""");
        await harness.CompleteAsync(id, "stopAndPreserve", "done", """{"stopOrdered": true, "evidence": "照片", "informedAgencies": ["zrzy"]}""");

        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["path"]).Should().Be("coordinationOpinion");
        Str(state.Output["handlingAgency"]).Should().Be(Scjg);
    }

    [Fact]
    public async Task Superior_may_designate_directly_without_negotiation()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute(i => i["directDesignation"] = true))).InstanceId;

        (await harness.OpenActivities(id)).Should().BeEquivalentTo(["designation@gov", "stopAndPreserve@scjg"]);
        await harness.CompleteAsync(id, "designation", "designate", """{"designatedAgency": "zrzy", "decision": "直接指定由自然资源局管辖"}""");
        await harness.CompleteAsync(id, "executionReport", "reported", """{"execution": "已立案"}""", Zrzy);
        await harness.CompleteAsync(id, "stopAndPreserve", "done", """{"stopOrdered": true, "evidence": "照片", "informedAgencies": ["zrzy"]}""");

        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["path"]).Should().Be("directDesignation");
        Str(state.Output["handlingAgency"]).Should().Be(Zrzy);
        (await harness.JournalAsync(id)).Should().NotContain(e => e.ActivityId == "negotiation" || e.ActivityId == "coordination");
    }

    [Fact]
    public async Task Designation_without_a_designated_agency_is_rejected()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute(i => i["directDesignation"] = true))).InstanceId;

        var error = await Rejected(() => harness.CompleteAsync(id, "designation", "designate", """{"decision": "指定管辖"}"""));

        error.Errors.Select(e => e.Field).Should().Contain("data.designatedAgency");
    }

    // ---------- scenario 9: both decline, negotiation fails, the government decides ----------

    [Fact]
    public async Task Scenario9_chuxiong_both_decline_and_negotiation_fails_the_government_designates_while_the_first_discoverers_duty_stays_open()
    {
        var harness = await DomainHarness.CreateAsync("chuxiong");
        var id = (await harness.StartAsync(Flow, Dispute(i =>
        {
            i["disputeType"] = "decline";
            i["agencies"] = new JsonArray(Agencies.Township, Zrzy);
            i["firstDiscoverer"] = Agencies.Township;
        }))).InstanceId;

        var stop = await harness.TaskAsync(id, "stopAndPreserve").ShouldBeAssigned(Agencies.Township, Agencies.Roles.Staff);
        (await harness.StateAsync(id)).Variables["interimStatus"]!.GetValue<string>().Should().Be("firstDiscovererHandling");

        await harness.CompleteAsync(id, "negotiation", "failed", """{"participants": ["xhz", "zrzy"], "record": "双方均认为不属本单位职责", "failureReasons": "均不主张管辖"}""");
        (await harness.OpenTasksAsync(id)).Should().Contain(t => t.Id == stop.Id);
        await harness.CompleteAsync(id, "coordinationApplication", "accept");
        (await harness.OpenTasksAsync(id)).Should().Contain(t => t.Id == stop.Id);
        await harness.CompleteAsync(id, "coordination", "proposeToGovernment", """{"proposal": "双方均推诿，报请区政府指定管辖"}""");
        (await harness.OpenTasksAsync(id)).Should().Contain(t => t.Id == stop.Id);

        await harness.TaskAsync(id, "designation").ShouldBeAssigned(Gov, Agencies.Roles.Leader);
        await harness.CompleteAsync(id, "designation", "designate", """{"designatedAgency": "xhz", "decision": "指定由星海镇综合执法局管辖"}""");
        await harness.CompleteAsync(id, "executionReport", "reported", """{"execution": "已立案"}""", Agencies.Township);

        // The dispute is decided, yet the stop-and-preserve duty is still open: the instance waits for it.
        (await harness.OpenTasksAsync(id)).Should().ContainSingle(t => t.Id == stop.Id);
        (await harness.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);

        var incomplete = await Rejected(() => harness.CompleteAsync(stop, "done", """{"stopOrdered": true}"""));
        incomplete.Errors.Select(e => e.Field).Should().Contain(["data.evidence", "data.informedAgencies"]);
        await harness.CompleteAsync(stop, "done", """{"stopOrdered": true, "evidence": "现场勘验笔录、照片", "informedAgencies": ["zrzy"]}""");

        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["path"]).Should().Be("governmentDesignation");
        Str(state.Output["handlingAgency"]).Should().Be(Agencies.Township);
        Str(state.Output["interimStatus"]).Should().Be("preserved");
    }

    [Fact]
    public async Task Scenario9_chongqing_both_decline_nobody_acts_unilaterally_without_a_safety_risk_and_the_government_designates()
    {
        var harness = await DomainHarness.CreateAsync("chongqing");
        var id = (await harness.StartAsync(Flow, Dispute(i => i["disputeType"] = "decline"))).InstanceId;

        // No stop-and-preserve duty: only a record of whether safety is at stake, and the negotiation.
        (await harness.OpenActivities(id)).Should().BeEquivalentTo(["safetyCheck@scjg", "negotiation@scjg"]);
        (await harness.StateAsync(id)).Variables["interimStatus"]!.GetValue<string>().Should().Be("standstill");
        await harness.TaskAsync(id, "safetyCheck").ShouldBeAssigned(Scjg, Agencies.Roles.Leader);
        var noReason = await Rejected(() => harness.CompleteAsync(id, "safetyCheck", "noSafetyRisk", "{}"));
        noReason.Errors.Select(e => e.Field).Should().Contain("data.assessment");
        await harness.CompleteAsync(id, "safetyCheck", "noSafetyRisk", """{"assessment": "经营用房未投入使用，无安全隐患"}""");

        (await harness.OpenActivities(id)).Should().BeEquivalentTo(["negotiation@scjg"]);
        (await harness.StateAsync(id)).Variables["interimStatus"]!.GetValue<string>().Should().Be("standstill");

        await harness.CompleteAsync(id, "negotiation", "failed", """{"participants": ["scjg", "zrzy"], "record": "协商记录", "failureReasons": "均不主张管辖"}""");
        await harness.CompleteAsync(id, "coordinationApplication", "accept");
        await harness.CompleteAsync(id, "coordination", "proposeToGovernment", """{"proposal": "报请区政府指定"}""");
        (await harness.OpenActivities(id)).Should().BeEquivalentTo(["designation@gov"]);
        await harness.CompleteAsync(id, "designation", "designate", """{"designatedAgency": "zrzy", "decision": "指定由自然资源局管辖"}""");
        await harness.CompleteAsync(id, "executionReport", "reported", """{"execution": "已立案"}""", Zrzy);

        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["path"]).Should().Be("governmentDesignation");
        Str(state.Output["interimStatus"]).Should().Be("standstill");
        (await harness.JournalAsync(id)).Should().NotContain(e => e.ActivityId == "stopAndPreserve" || e.ActivityId == "urgentMeasures");
    }

    [Fact]
    public async Task Chongqing_first_discoverer_takes_urgent_measures_only_when_public_or_personal_safety_is_at_stake()
    {
        var harness = await DomainHarness.CreateAsync("chongqing");
        var id = (await harness.StartAsync(Flow, Dispute(i => i["disputeType"] = "decline"))).InstanceId;

        await harness.CompleteAsync(id, "safetyCheck", "safetyAtStake", """{"assessment": "违建房屋存在坍塌危险，危及过往行人"}""");

        var urgent = await harness.TaskAsync(id, "urgentMeasures").ShouldBeAssigned(Scjg, Agencies.Roles.Staff);
        (await harness.StateAsync(id)).Variables["interimStatus"]!.GetValue<string>().Should().Be("urgentMeasures");
        await harness.CompleteAsync(urgent, "done", """{"measures": "设置警戒、责令停止使用", "informedAgencies": ["zrzy"]}""");
        (await harness.StateAsync(id)).Variables["interimStatus"]!.GetValue<string>().Should().Be("urgentMeasuresTaken");

        await harness.CompleteAsync(id, "negotiation", "agreed", """{"participants": ["scjg", "zrzy"], "record": "协商一致", "handlingAgency": "zrzy"}""");
        var state = await harness.StateAsync(id);
        state.Status.Should().Be(WorkflowStatus.Completed);
        Str(state.Output!["interimStatus"]).Should().Be("urgentMeasuresTaken");
    }

    // ---------- overdue steps ----------

    [Fact]
    public async Task Execution_report_not_made_within_20_days_raises_a_red_alert_to_the_coordination_office_and_stays_open()
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute(i => i["directDesignation"] = true))).InstanceId;
        await harness.CompleteAsync(id, "designation", "designate", """{"designatedAgency": "zrzy", "decision": "指定由自然资源局管辖"}""");
        var report = await harness.TaskAsync(id, "executionReport");
        report.DueAt.Should().Be(Midnight(2026, 3, 24));
        report.LegalBasis.Should().Be(LocalPractice);

        await harness.AdvanceAsync(Midnight(2026, 3, 23).AddHours(23) - harness.Clock.GetUtcNow());
        (await harness.AlertsAsync(id)).Should().BeEmpty();

        await harness.AdvanceAsync(TimeSpan.FromHours(2));

        var alert = (await harness.AlertsAsync(id)).Should().ContainSingle().Subject;
        Str(alert["level"]).Should().Be("red");
        Str(alert["notify"]![0]!["agency"]).Should().Be(Sfj);
        Str(alert["notify"]![0]!["role"]).Should().Be(Agencies.Roles.Coordinator);
        Str(alert["taskId"]).Should().Be(report.Id.ToString());
        Str(alert["legalBasis"]).Should().Be(LocalPractice);
        (await harness.OpenTasksAsync(id)).Should().Contain(t => t.Id == report.Id);
        (await harness.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);
    }

    [Theory]
    [InlineData("negotiation", 2026, 3, 10)]
    [InlineData("coordinationApplication", 2026, 3, 6)]
    [InlineData("coordination", 2026, 3, 17)]
    [InlineData("designation", 2026, 3, 24)]
    public async Task Every_overdue_dispute_step_raises_a_red_alert_to_the_coordination_office_and_decides_nothing(string step, int year, int month, int day)
    {
        var harness = await DomainHarness.CreateAsync();
        var id = (await harness.StartAsync(Flow, Dispute())).InstanceId;
        if (step != "negotiation")
        {
            await harness.CompleteAsync(id, "negotiation", "failed", """{"participants": ["scjg", "zrzy"], "record": "记录", "failureReasons": "均主张管辖"}""");
            if (step != "coordinationApplication")
            {
                await harness.CompleteAsync(id, "coordinationApplication", "accept");
                if (step != "coordination")
                    await harness.CompleteAsync(id, "coordination", "proposeToGovernment", """{"proposal": "报请区政府指定"}""");
            }
        }
        var task = await harness.TaskAsync(id, step);
        task.DueAt.Should().Be(Midnight(year, month, day));

        await harness.AdvanceAsync(Midnight(year, month, day) - harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var alert = (await harness.AlertsAsync(id)).Should().ContainSingle().Subject;
        Str(alert["level"]).Should().Be("red");
        Str(alert["notify"]![0]!["agency"]).Should().Be(Sfj);
        (await harness.OpenTasksAsync(id)).Should().Contain(t => t.Id == task.Id);
    }
}
