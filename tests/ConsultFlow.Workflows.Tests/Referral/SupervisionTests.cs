using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Referral.ReferralDriver;

namespace ConsultFlow.Workflows.Tests.Referral;

/// <summary>DOMAIN.md C.8-10: reconsideration, procuratorate supervision (scenario 14), administrative handling, misconduct leads.</summary>
public sealed class SupervisionTests
{
    [Fact]
    public async Task After_not_filing_the_agency_has_3_days_to_request_reconsideration_or_suggest_supervision()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();

        var response = await referral.TaskAsync("notFiledResponse");

        response.AssigneeAgency.Should().Be(Agency);
        response.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        response.DueAt.Should().Be(At(3, 6));
        response.LegalBasis.Should().Be("国务院令第310号 第九条");
        response.Outcomes.Select(o => o.Name).Should().Equal("requestReconsideration", "suggestSupervision", "acceptDecision");
        var noRequest = () => referral.CompleteAsync("notFiledResponse", "requestReconsideration");
        (await noRequest.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.reconsiderationRequest");
    }

    [Fact]
    public async Task The_police_decide_the_reconsideration_within_3_days_and_may_file_the_case()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();
        await referral.AdvanceToAsync(At(3, 4, 9));

        await referral.CompleteAsync("notFiledResponse", "requestReconsideration", """{"reconsiderationRequest": "att-reconsider"}""");

        var decision = await referral.TaskAsync("reconsiderationDecision");
        decision.AssigneeAgency.Should().Be(Agencies.Police);
        decision.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        decision.DueAt.Should().Be(At(3, 10), "3 calendar days from Wednesday 4 March end on Saturday 7 March, which rolls to Monday 9 March, 24:00");
        decision.LegalBasis.Should().Be("国务院令第310号 第九条");

        await referral.AdvanceToAsync(At(3, 9, 23, 59));
        (await referral.AlertsAsync()).Should().BeEmpty();
        await referral.AdvanceToAsync(At(3, 10, 0, 1));
        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(alert).Should().Equal("gaj/leader", "scjg/leader", "jcy/staff");

        await referral.CompleteAsync("reconsiderationDecision", "file", """{"filingNotice": "att-filing-notice"}""");
        (await referral.TaskAsync("handover")).AssigneeAgency.Should().Be(Agency);
    }

    [Fact]
    public async Task Reconsideration_upheld_supervision_suggested_police_explain_within_7_days_notice_to_file_and_filing_within_15_days()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();
        await referral.RegisterProcuratorateCopyAsync();
        await referral.CompleteAsync("notFiledResponse", "requestReconsideration", """{"reconsiderationRequest": "att-reconsider"}""");
        var noReasons = () => referral.CompleteAsync("reconsiderationDecision", "uphold");
        (await noReasons.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should()
            .BeEquivalentTo(["data.reasons", "data.reconsiderationDecision"]);
        await referral.CompleteAsync("reconsiderationDecision", "uphold", """{"reasons": "维持原决定", "reconsiderationDecision": "att-upheld"}""");

        var after = await referral.TaskAsync("afterReconsideration");
        after.AssigneeAgency.Should().Be(Agency);
        after.DueAt.Should().Be(At(3, 6));
        after.LegalBasis.Should().Be("国务院令第310号 第九条");
        await referral.CompleteAsync("afterReconsideration", "suggestSupervision", """{"supervisionSuggestion": "att-suggestion"}""");

        var review = await referral.TaskAsync("supervisionReview");
        review.AssigneeAgency.Should().Be(Agencies.Procuratorate);
        await referral.AdvanceToAsync(At(3, 3, 9));
        await referral.CompleteAsync("supervisionReview", "requireExplanation", """{"explanationRequest": "att-request"}""");

        var explanation = await referral.TaskAsync("policeExplanation");
        explanation.AssigneeAgency.Should().Be(Agencies.Police);
        explanation.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        explanation.DueAt.Should().Be(At(3, 11), "7 calendar days from Tuesday 3 March: 4-10 March");
        explanation.LegalBasis.Should().Be("人民检察院刑事诉讼规则（立案监督）");
        await referral.CompleteAsync("policeExplanation", "explained", """{"explanation": "情节显著轻微", "explanationDocument": "att-explanation"}""");

        var decision = await referral.TaskAsync("procuratorateDecision");
        decision.AssigneeAgency.Should().Be(Agencies.Procuratorate);
        decision.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        var noNotice = () => referral.CompleteAsync("procuratorateDecision", "notifyFiling", """{"reasons": "不立案理由不能成立"}""");
        (await noNotice.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.filingNotice");
        await referral.AdvanceToAsync(At(3, 5, 14));
        await referral.CompleteAsync("procuratorateDecision", "notifyFiling", """{"reasons": "不立案理由不能成立", "filingNotice": "att-notify-filing"}""");

        var filing = await referral.TaskAsync("filingAfterNotice");
        filing.AssigneeAgency.Should().Be(Agencies.Police);
        filing.DueAt.Should().Be(At(3, 21), "15 calendar days from Thursday 5 March: 6-20 March");
        filing.LegalBasis.Should().Be("人民检察院刑事诉讼规则（立案监督）");
        (await referral.OpenActivitiesAsync()).Should().NotContain("misconductLead");

        await referral.AdvanceToAsync(At(3, 12, 10));
        await referral.CompleteAsync("filingAfterNotice", "file", """{"filingDecision": "att-filing-decision", "filingNotice": "att-filing-notice"}""");
        (await referral.TaskAsync("handover")).DueAt.Should().Be(At(3, 17), "3 calendar days from Thursday 12 March: 13, 14, 15; Sunday 15 rolls to Monday 16, 24:00");

        // The 15-day watch runs out with the case filed: no 纠正违法通知书 is asked for.
        await referral.AdvanceToAsync(At(3, 21, 0, 1));
        (await referral.OpenActivitiesAsync()).Should().Equal("handover");
        await referral.HandOverAsync();
        var state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Completed);
        state.Output!["result"]!.GetValue<string>().Should().Be("filed");
    }

    [Fact]
    public async Task Police_explanation_not_given_within_7_days_alerts_the_procuratorate_and_the_police_leader()
    {
        var referral = await StartAsync();
        await referral.ToPoliceExplanationAfterReconsiderationAsync();

        await referral.AdvanceToAsync(At(3, 10, 0, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(alert).Should().Contain(["gaj/leader", "scjg/leader", "jcy/staff", "jcy/leader"]);
        (await referral.OpenActivitiesAsync()).Should().Contain("policeExplanation").And.NotContain("procuratorateDecision");
    }

    [Fact]
    public async Task No_filing_15_days_after_the_notice_asks_the_procuratorate_for_a_correction_notice_and_keeps_the_filing_open()
    {
        var referral = await StartAsync();
        await referral.ToPoliceExplanationAfterReconsiderationAsync();
        await referral.CompleteAsync("policeExplanation", "explained", """{"explanation": "情节显著轻微", "explanationDocument": "att-explanation"}""");
        await referral.CompleteAsync("procuratorateDecision", "notifyFiling", """{"reasons": "不立案理由不能成立", "filingNotice": "att-notify-filing"}""");

        await referral.AdvanceToAsync(At(3, 18, 0, 1)); // 15 days from 2 March: 3-17 March

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        alert["message"]!.GetValue<string>().Should().Contain("纠正违法通知书");
        Recipients(alert).Should().Contain(["gaj/leader", "jcy/leader", "scjg/leader"]);
        var correction = await referral.TaskAsync("correctionNotice");
        correction.AssigneeAgency.Should().Be(Agencies.Procuratorate);
        (await referral.OpenActivitiesAsync()).Should().Contain("filingAfterNotice");

        await referral.CompleteAsync("correctionNotice", "issued", """{"correctionDocument": "att-correction"}""");
        await referral.CompleteAsync("filingAfterNotice", "file", """{"filingDecision": "att-filing-decision", "filingNotice": "att-filing-notice"}""");
        (await referral.OpenActivitiesAsync()).Should().Contain("handover");
    }

    [Fact]
    public async Task Reasons_accepted_the_procuratorate_informs_the_agency_within_10_days_and_the_agency_handles_the_case_administratively()
    {
        var referral = await StartAsync();
        await referral.ToPoliceExplanationAfterReconsiderationAsync();
        await referral.RegisterProcuratorateCopyAsync();
        await referral.CompleteAsync("policeExplanation", "explained", """{"explanation": "情节显著轻微", "explanationDocument": "att-explanation"}""");
        await referral.AdvanceToAsync(At(3, 4, 16));

        await referral.CompleteAsync("procuratorateDecision", "acceptReasons", """{"reasons": "不立案理由成立"}""");

        var inform = await referral.TaskAsync("informAgency");
        inform.AssigneeAgency.Should().Be(Agencies.Procuratorate);
        inform.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        // 10 calendar days from Wednesday 4 March: 5-14 March; Saturday 14 rolls to Monday 16, so 24:00 on 16 March.
        inform.DueAt.Should().Be(At(3, 17));
        inform.LegalBasis.Should().Be("人民检察院刑事诉讼规则（立案监督）");
        (await referral.OpenActivitiesAsync()).Should().NotContain("filingAfterNotice");

        await referral.CompleteAsync("informAgency", "informed", """{"informNotice": "att-inform"}""");
        var handling = await referral.TaskAsync("adminHandling");
        handling.AssigneeAgency.Should().Be(Agency);
        handling.Description!.Zh.Should().Contain("继续有效");
        var noReasons = () => referral.CompleteAsync("adminHandling", "noPenalty", """{"handlingResult": "不予处罚"}""");
        (await noReasons.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.reasons");
        await referral.CompleteAsync("adminHandling", "penalized", """{"handlingResult": "没收违法所得并处罚款", "penaltyDecision": "att-penalty"}""");

        var state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Completed);
        state.Output!["result"]!.GetValue<string>().Should().Be("handledAdministratively");
    }

    [Fact]
    public async Task The_procuratorate_informing_the_agency_late_turns_red()
    {
        var referral = await StartAsync();
        await referral.ToPoliceExplanationAfterReconsiderationAsync();
        await referral.CompleteAsync("policeExplanation", "explained", """{"explanation": "情节显著轻微", "explanationDocument": "att-explanation"}""");
        await referral.CompleteAsync("procuratorateDecision", "acceptReasons", """{"reasons": "不立案理由成立"}""");

        await referral.AdvanceToAsync(At(3, 13, 0, 1)); // 10 days from Monday 2 March: 3-12 March

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(alert).Should().Equal("jcy/leader", "scjg/leader", "sfj/coordinator");
        (await referral.OpenActivitiesAsync()).Should().Contain("informAgency").And.NotContain("adminHandling");
    }

    [Fact]
    public async Task The_agency_may_suggest_supervision_directly_without_reconsideration()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();

        await referral.CompleteAsync("notFiledResponse", "suggestSupervision", """{"supervisionSuggestion": "att-suggestion"}""");

        (await referral.OpenActivitiesAsync()).Should().Contain("supervisionReview").And.NotContain("reconsiderationDecision");
        await referral.CompleteAsync("supervisionReview", "requireExplanation", """{"explanationRequest": "att-request"}""");
        (await referral.TaskAsync("policeExplanation")).AssigneeAgency.Should().Be(Agencies.Police);
    }

    [Fact]
    public async Task The_procuratorate_finding_no_grounds_informs_the_agency_without_asking_the_police()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();
        await referral.CompleteAsync("notFiledResponse", "suggestSupervision", """{"supervisionSuggestion": "att-suggestion"}""");

        var noReasons = () => referral.CompleteAsync("supervisionReview", "noGrounds");
        (await noReasons.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.reasons");
        await referral.CompleteAsync("supervisionReview", "noGrounds", """{"reasons": "公安机关不立案正确"}""");

        (await referral.OpenActivitiesAsync()).Should().Contain("informAgency").And.NotContain("policeExplanation").And.NotContain("misconductLead");
    }

    [Fact]
    public async Task The_agency_accepting_not_filing_handles_the_case_administratively()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();

        await referral.CompleteAsync("notFiledResponse", "acceptDecision");

        (await referral.OpenActivitiesAsync()).Should().Contain("adminHandling");
    }

    [Fact]
    public async Task The_agency_accepting_the_upheld_reconsideration_handles_the_case_administratively()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();
        await referral.CompleteAsync("notFiledResponse", "requestReconsideration", """{"reconsiderationRequest": "att-reconsider"}""");
        await referral.CompleteAsync("reconsiderationDecision", "uphold", """{"reasons": "维持原决定", "reconsiderationDecision": "att-upheld"}""");

        await referral.CompleteAsync("afterReconsideration", "acceptDecision");

        (await referral.OpenActivitiesAsync()).Should().Contain("adminHandling").And.NotContain("supervisionReview");
    }

    [Fact]
    public async Task Unused_periods_for_reconsideration_and_supervision_turn_red_but_decide_nothing()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();

        await referral.AdvanceToAsync(At(3, 6, 0, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(alert).Should().Contain(["scjg/leader", "scjg/legal"]);
        (await referral.OpenActivitiesAsync()).Should().Contain("notFiledResponse").And.NotContain("adminHandling");
    }

    [Fact]
    public async Task A_misconduct_lead_flagged_by_the_procuratorate_goes_to_the_supervision_commission()
    {
        var referral = await StartAsync();
        await referral.ToPoliceExplanationAfterReconsiderationAsync();
        await referral.CompleteAsync("policeExplanation", "explained", """{"explanation": "情节显著轻微", "explanationDocument": "att-explanation"}""");

        await referral.CompleteAsync("procuratorateDecision", "notifyFiling",
            """{"reasons": "不立案理由不能成立", "filingNotice": "att-notify-filing", "misconductLead": true, "misconductDetails": "办案民警涉嫌徇私"}""");

        var lead = await referral.TaskAsync("misconductLead");
        lead.AssigneeAgency.Should().Be(Agencies.Supervision);
        lead.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        (await referral.OpenActivitiesAsync()).Should().Contain("filingAfterNotice", "the lead runs beside the filing");
    }

    [Fact]
    public async Task A_misconduct_lead_flagged_by_the_agency_during_administrative_handling_goes_to_the_supervision_commission()
    {
        var referral = await StartAsync();
        await referral.ToNotFiledAsync();
        await referral.RegisterProcuratorateCopyAsync();
        await referral.CompleteAsync("notFiledResponse", "acceptDecision");

        await referral.CompleteAsync("adminHandling", "penalized",
            """{"handlingResult": "罚款", "penaltyDecision": "att-penalty", "misconductLead": true, "misconductDetails": "有人员涉嫌玩忽职守"}""");

        (await referral.TaskAsync("misconductLead")).AssigneeAgency.Should().Be(Agencies.Supervision);
        await referral.CompleteAsync("misconductLead", "registered");
        var state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Completed);
        state.Output!["result"]!.GetValue<string>().Should().Be("handledAdministratively");
    }
}
