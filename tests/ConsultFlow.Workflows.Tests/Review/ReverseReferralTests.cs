using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Review.ReviewKit;
using R = ConsultFlow.Workflows.Tests.Infrastructure.Agencies.Roles;

namespace ConsultFlow.Workflows.Tests.Review;

/// <summary>DOMAIN.md D: reverse referral (反向移送), scenario 16 and every branch of reverse-referral.json.</summary>
public sealed class ReverseReferralTests
{
    private const string Definition = "reverse-referral";
    private const string ReplyBasis = "《行政处罚法》第二十七条；地方实践（两个月）";

    private static string Input(string issuer = Agencies.Procuratorate, string issuerType = "procuratorate") => $$"""
        {
          "issuingAuthority": "{{issuer}}",
          "issuerType": "{{issuerType}}",
          "targetAgency": "{{Agencies.MarketRegulation}}",
          "caseName": "某公司销售不合格产品案",
          "criminalCaseNumber": "检刑不诉〔2026〕3号",
          "party": "某商贸有限公司",
          "groundNoCriminalLiability": "犯罪情节轻微，作出不起诉决定",
          "facts": "2025年10月销售不合格电线电缆，货值金额4万元",
          "evidence": "检验报告、销售记录、询问笔录",
          "penaltyOpinion": "建议依照《产品质量法》第四十九条给予行政处罚",
          "seizureStatus": "扣押电线电缆120卷，随案移送"
        }
        """;

    private static async Task<(DomainHarness H, Guid Id)> TransferredAsync(string issuer = Agencies.Procuratorate, string issuerType = "procuratorate")
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync(Definition, Input(issuer, issuerType), by: DomainHarness.User(issuer, R.Staff));
        await h.CompleteAsync(started.InstanceId, "issue", "transfer", """{"documentNumber": "检行意〔2026〕1号", "document": "file-opinion-1"}""");
        return (h, started.InstanceId);
    }

    private static async Task RegisterAsync(DomainHarness h, Guid id) =>
        await h.CompleteAsync(id, "register", "register", """{"caseNumber": "市监处〔2026〕88号", "registeredOn": "2026-03-02"}""");

    [Fact]
    public async Task Scenario16_reverse_referral_registers_a_reverse_referral_case_due_on_the_month_rule_and_reports_back_to_the_procuratorate()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync(Definition, Input(), by: DomainHarness.User(Agencies.Procuratorate, R.Staff));

        var issue = await h.TaskAsync(started.InstanceId, "issue");
        (issue.AssigneeAgency, issue.AssigneeRole).Should().Be((Agencies.Procuratorate, R.Leader));
        issue.Title.Zh.Should().Be("签发检察意见书并移送：某公司销售不合格产品案");
        await h.CompleteAsync(issue, "transfer", """{"documentNumber": "检行意〔2026〕1号", "document": "file-opinion-1"}""");

        // The reply period runs from the transfer (Monday 2 March 09:00): two months → Saturday 2 May, inside the
        // 1-5 May holiday, so it ends on the first working day after it, Wednesday 6 May, at 24:00.
        var deadline = await h.TimerAsync(started.InstanceId, "replyDeadline");
        deadline.Should().NotBeNull();
        deadline!.DueAt.Should().Be(At(2026, 5, 7));
        deadline.Payload!["legalBasis"]!.GetValue<string>().Should().Be(ReplyBasis);

        var register = await h.TaskAsync(started.InstanceId, "register");
        (register.AssigneeAgency, register.AssigneeRole).Should().Be((Agencies.MarketRegulation, R.Staff));
        await RegisterAsync(h, started.InstanceId);
        var variables = (await h.StateAsync(started.InstanceId)).Variables;
        variables["caseSource"]!.GetValue<string>().Should().Be("reverseReferral");
        variables["caseNumber"]!.GetValue<string>().Should().Be("市监处〔2026〕88号");

        var jurisdiction = await h.TaskAsync(started.InstanceId, "checkJurisdiction");
        (jurisdiction.AssigneeAgency, jurisdiction.AssigneeRole).Should().Be((Agencies.MarketRegulation, R.Legal));
        await h.CompleteAsync(jurisdiction, "competent", """{"basis": "《产品质量法》第八条"}""");
        await h.CompleteAsync(started.InstanceId, "checkLimitation", "withinLimitation", """{"violationDate": "2025-10-15"}""");
        var decide = await h.TaskAsync(started.InstanceId, "decide");
        (decide.AssigneeAgency, decide.AssigneeRole).Should().Be((Agencies.MarketRegulation, R.Leader));
        await h.CompleteAsync(decide, "penalty", """{"decisionNumber": "市监罚〔2026〕12号", "penaltyContent": "没收违法产品，罚款8万元"}""");

        var report = await h.TaskAsync(started.InstanceId, "reportBack");
        (report.AssigneeAgency, report.AssigneeRole).Should().Be((Agencies.MarketRegulation, R.Staff));
        await h.CompleteAsync(report, "reported", """{"resultSummary": "已作出行政处罚决定：没收违法产品，罚款8万元", "documents": ["file-decision-12"]}""");

        // The result goes back to the procuratorate; the reply period is over, its timer is gone.
        (await h.TimerAsync(started.InstanceId, "replyDeadline")).Should().BeNull();
        var acknowledge = await h.TaskAsync(started.InstanceId, "acknowledge");
        (acknowledge.AssigneeAgency, acknowledge.AssigneeRole).Should().Be((Agencies.Procuratorate, R.Staff));
        var done = await h.CompleteAsync(acknowledge, "acknowledged");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["caseSource"]!.GetValue<string>().Should().Be("reverseReferral");
        done.Output["caseNumber"]!.GetValue<string>().Should().Be("市监处〔2026〕88号");
        done.Output["result"]!.GetValue<string>().Should().Be("penalty");
        (await h.AlertsAsync(started.InstanceId)).Should().BeEmpty();

        // Passing the old due time later raises nothing: the period ended with the report.
        await h.AdvanceToAsync(At(2026, 5, 8));
        (await h.AlertsAsync(started.InstanceId)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_reverse_referral_without_the_opinion_content_is_rejected_naming_the_missing_inputs()
    {
        var h = await DomainHarness.CreateAsync();
        var rejected = await h.RejectedInputsAsync(Definition, $$"""
            {"issuingAuthority": "jcy", "issuerType": "procuratorate", "targetAgency": "scjg", "caseName": "某案", "party": "某公司", "groundNoCriminalLiability": "不构成犯罪"}
            """);

        rejected.Should().Contain(["input.facts", "input.evidence", "input.penaltyOpinion", "input.seizureStatus"]);
    }

    [Fact]
    public async Task Reply_overdue_after_two_months_raises_a_red_alert_to_the_issuer_and_the_agency_and_the_case_stays_open()
    {
        var (h, id) = await TransferredAsync();
        await RegisterAsync(h, id);
        await h.CompleteAsync(id, "checkJurisdiction", "competent", """{"basis": "《产品质量法》第八条"}""");
        await h.CompleteAsync(id, "checkLimitation", "withinLimitation");

        await h.AdvanceToAsync(At(2026, 5, 6, 23, 59));
        (await h.AlertsAsync(id)).Should().BeEmpty("the period ends at 24:00 of 6 May");

        await h.AdvanceToAsync(At(2026, 5, 7));
        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        Level(alert).Should().Be("red");
        Recipients(alert).Should().Equal((Agencies.Procuratorate, R.Leader), (Agencies.MarketRegulation, R.Staff), (Agencies.CoordinationOffice, R.Coordinator));
        alert["legalBasis"]!.GetValue<string>().Should().Be(ReplyBasis);

        // Nothing was decided by the clock: the decision is still open and the case is still running.
        (await h.OpenActivitiesAsync(id)).Should().Equal("decide");
        (await h.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);

        await h.CompleteAsync(id, "decide", "penalty", """{"decisionNumber": "市监罚〔2026〕30号", "penaltyContent": "罚款5万元"}""");
        await h.CompleteAsync(id, "reportBack", "reported", """{"resultSummary": "罚款5万元（逾期反馈）"}""");
        var done = await h.CompleteAsync(id, "acknowledge", "acknowledged", """{"remarks": "已签收"}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("penalty");
    }

    [Fact]
    public async Task Reply_overdue_before_the_case_is_even_registered_alerts_the_issuer_and_keeps_the_registration_open()
    {
        var (h, id) = await TransferredAsync();

        await h.AdvanceToAsync(At(2026, 5, 7));

        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        Level(alert).Should().Be("red");
        Recipients(alert).Should().Equal((Agencies.Procuratorate, R.Leader), (Agencies.CoordinationOffice, R.Coordinator));
        (await h.OpenActivitiesAsync(id)).Should().Equal("register");
    }

    [Fact]
    public async Task An_agency_without_jurisdiction_returns_the_case_with_reasons_and_reports_back()
    {
        var (h, id) = await TransferredAsync();
        await RegisterAsync(h, id);
        var jurisdiction = await h.TaskAsync(id, "checkJurisdiction");

        (await h.RejectedFieldsAsync(jurisdiction, "notCompetent")).Should().BeEquivalentTo("data.reasons", "data.disposal");

        await h.CompleteAsync(jurisdiction, "notCompetent",
            """{"reasons": "涉案行为属于无证经营，应由综合执法局管辖", "disposal": "转送有管辖权的机关", "forwardTo": "zhzf"}""");
        (await h.OpenActivitiesAsync(id)).Should().Equal("reportBack");
        await h.CompleteAsync(id, "reportBack", "reported", """{"resultSummary": "本局无管辖权，已转送综合执法局"}""");
        var done = await h.CompleteAsync(id, "acknowledge", "acknowledged");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("notCompetent");
        done.Output["caseSource"]!.GetValue<string>().Should().Be("reverseReferral");
    }

    [Fact]
    public async Task A_time_barred_case_is_recorded_with_reasons_and_reported_back_without_a_decision()
    {
        var (h, id) = await TransferredAsync();
        await RegisterAsync(h, id);
        await h.CompleteAsync(id, "checkJurisdiction", "competent", """{"basis": "《产品质量法》第八条"}""");
        var limitation = await h.TaskAsync(id, "checkLimitation");

        (await h.RejectedFieldsAsync(limitation, "timeBarred")).Should().Equal("data.reasons");

        await h.CompleteAsync(limitation, "timeBarred", """{"violationDate": "2023-06-01", "reasons": "违法行为终了已逾二年，依法不再给予行政处罚"}""");
        (await h.OpenActivitiesAsync(id)).Should().Equal("reportBack");
        await h.CompleteAsync(id, "reportBack", "reported", """{"resultSummary": "已超过追责时效，不予行政处罚"}""");
        var done = await h.CompleteAsync(id, "acknowledge", "acknowledged");

        done.Output!["result"]!.GetValue<string>().Should().Be("timeBarred");
    }

    [Fact]
    public async Task No_penalty_needs_reasons_and_is_reported_back()
    {
        var (h, id) = await TransferredAsync();
        await RegisterAsync(h, id);
        await h.CompleteAsync(id, "checkJurisdiction", "competent", """{"basis": "《产品质量法》第八条"}""");
        await h.CompleteAsync(id, "checkLimitation", "withinLimitation");
        var decide = await h.TaskAsync(id, "decide");

        (await h.RejectedFieldsAsync(decide, "noPenalty")).Should().Equal("data.reasons");
        (await h.RejectedFieldsAsync(decide, "penalty")).Should().BeEquivalentTo("data.decisionNumber", "data.penaltyContent");

        await h.CompleteAsync(decide, "noPenalty", """{"reasons": "违法行为轻微并及时改正，没有造成危害后果"}""");
        await h.CompleteAsync(id, "reportBack", "reported", """{"resultSummary": "依法不予行政处罚"}""");
        var done = await h.CompleteAsync(id, "acknowledge", "acknowledged");

        done.Output!["result"]!.GetValue<string>().Should().Be("noPenalty");
    }

    [Fact]
    public async Task Police_may_withdraw_the_transfer_with_reasons_and_no_case_is_registered()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync(Definition, Input(Agencies.Police, "police"), by: DomainHarness.User(Agencies.Police, R.Staff));
        var issue = await h.TaskAsync(started.InstanceId, "issue");
        (issue.AssigneeAgency, issue.AssigneeRole).Should().Be((Agencies.Police, R.Leader));
        issue.Title.Zh.Should().StartWith("签发移送函并移送");

        (await h.RejectedFieldsAsync(issue, "withdraw")).Should().Equal("data.reasons");
        (await h.RejectedFieldsAsync(issue, "transfer")).Should().BeEquivalentTo("data.documentNumber", "data.document");

        var done = await h.CompleteAsync(issue, "withdraw", """{"reasons": "案件已并入另案处理"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("withdrawn");
        (await h.TimerAsync(started.InstanceId, "replyDeadline")).Should().BeNull();
    }

    [Fact]
    public async Task A_police_transfer_reports_its_result_back_to_the_police()
    {
        var (h, id) = await TransferredAsync(Agencies.Police, "police");
        await RegisterAsync(h, id);
        await h.CompleteAsync(id, "checkJurisdiction", "competent", """{"basis": "《产品质量法》第八条"}""");
        await h.CompleteAsync(id, "checkLimitation", "withinLimitation");
        await h.CompleteAsync(id, "decide", "penalty", """{"decisionNumber": "市监罚〔2026〕13号", "penaltyContent": "罚款2万元"}""");
        await h.CompleteAsync(id, "reportBack", "reported", """{"resultSummary": "罚款2万元"}""");

        var acknowledge = await h.TaskAsync(id, "acknowledge");
        (acknowledge.AssigneeAgency, acknowledge.AssigneeRole).Should().Be((Agencies.Police, R.Staff));
    }
}
