using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Consultation.ConsultationDriver;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>The meeting (S000 articles 7-8): opinions from every participant, then the outcome and its ways forward.</summary>
public sealed class MeetingOutcomeTests
{
    [Fact]
    public async Task Every_participant_is_asked_for_an_opinion_due_by_the_meeting()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);
        await AcceptAsync(h, started.InstanceId, ComprehensiveEnforcement, NaturalResources, Emergency);

        await ConveneAsync(h, started.InstanceId);

        var opinions = (await h.OpenTasksAsync(started.InstanceId)).Where(t => t.ActivityId == "opinion").ToList();
        opinions.Select(t => t.AssigneeAgency).Should().BeEquivalentTo(ComprehensiveEnforcement, NaturalResources, Emergency);
        opinions.Should().OnlyContain(t => t.AssigneeRole == Roles.Contact && t.DueAt == EndOfDay(2026, 3, 5) && t.LegalBasis == "会商制度（默认设置）");
        opinions[0].Description!.Zh.Should().Contain("区司法局三楼会议室");
        (await RejectedAsync(() => h.CompleteAsync(opinions[0], "disagree", "{}"))).Fields().Should().Equal("data.opinion");
    }

    [Fact]
    public async Task A_participant_that_never_answers_is_recorded_as_no_reply_never_as_agreement()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);
        await AcceptAsync(h, started.InstanceId, ComprehensiveEnforcement, NaturalResources);
        await ConveneAsync(h, started.InstanceId);
        await h.CompleteAsync(started.InstanceId, "opinion", "agree", agency: ComprehensiveEnforcement);
        var silent = await h.TaskAsync(started.InstanceId, "opinion", NaturalResources);

        await h.AdvanceAsync(TimeSpan.FromDays(4));

        (await h.Instances.GetTaskAsync(silent.Id))!.Status.Should().Be(HumanTaskStatus.Expired);
        var state = await h.StateAsync(started.InstanceId);
        var results = state.Outputs["opinions"]!["results"]!.AsArray();
        results.Select(r => r!["outputs"]!["opinion"]!["outcome"]!.GetValue<string>()).Should().Equal("agree", "noReply");
        var record = await h.TaskAsync(started.InstanceId, "recordOutcome");
        record.Description!.Zh.Should().Contain("同意 1 家；不同意 0 家；未反馈 1 家（未反馈不视为同意）");
    }

    [Fact]
    public async Task The_office_records_the_outcome_with_a_summary()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);

        var record = await h.TaskAsync(id, "recordOutcome");

        record.AssigneeAgency.Should().Be(CoordinationOffice);
        record.AssigneeRole.Should().Be(Roles.Coordinator);
        record.Description!.Zh.Should().Contain("同意 1 家；不同意 2 家；未反馈 0 家");
        (await RejectedAsync(() => h.CompleteAsync(record, "consensus", "{}"))).Fields().Should().BeEquivalentTo("data.summary", "data.consensusText");
        (await RejectedAsync(() => h.CompleteAsync(record, "defer", """{"summary": "讨论"}"""))).Fields().Should().Equal("data.disagreements");
    }

    [Fact]
    public async Task Major_disagreement_without_urgency_offers_only_defer_or_an_office_recommendation_besides_consensus()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);

        var record = await h.TaskAsync(id, "recordOutcome");

        record.OutcomeNames().Should().Equal("consensus", "defer", "officeRecommendation");
        (await h.OpenTasksAsync(id)).Should().NotContain(t => t.ActivityId == "recordOutcomeUrgent");
        var ex = await RejectedAsync(() => h.CompleteAsync(record, "urgentDecision",
            """{"summary": "讨论", "disagreements": "分歧较大"}"""));
        ex.Fields().Should().Contain("outcome", "an urgent decision cannot be recorded when the request is not urgent");
    }

    [Fact]
    public async Task Urgency_flagged_without_a_reason_is_not_treated_as_urgent()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h, urgent: true, urgencyReason: null);

        (await h.TaskAsync(id, "recordOutcome")).OutcomeNames().Should().NotContain("urgentDecision");
    }

    [Fact]
    public async Task Scenario_2_major_disagreement_not_urgent_leads_only_to_defer_then_reconsult_or_leaders_or_to_the_government()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);

        await RecordAsync(h, id, "defer");

        var followUp = await h.TaskAsync(id, "deferredFollowUp");
        followUp.OutcomeNames().Should().Equal("reconsult", "reportToLeaders");
        (await h.OpenTasksAsync(id)).Should().ContainSingle("deferring decides nothing: only the follow-up is open");
        (await h.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);
    }

    [Fact]
    public async Task Scenario_3_urgency_with_a_reason_lets_a_decision_be_taken_at_once_keeping_dissent_and_reason()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h, urgent: true, urgencyReason: "汛期临近，河道违建须立即处置。");

        var record = await h.TaskAsync(id, "recordOutcomeUrgent");
        record.OutcomeNames().Should().Equal("consensus", "defer", "officeRecommendation", "urgentDecision");
        record.Description!.Zh.Should().Contain("汛期临近，河道违建须立即处置。");
        await RecordAsync(h, id, "urgentDecision", "recordOutcomeUrgent");

        var decision = await h.TaskAsync(id, "urgentDecision");
        decision.AssigneeAgency.Should().Be(CoordinationOffice);
        decision.AssigneeRole.Should().Be(Roles.Leader);
        decision.Description!.Zh.Should().Contain("紧急理由：汛期临近").And.Contain("综合执法局、应急管理局认为");
        (await RejectedAsync(() => h.CompleteAsync(decision, "decideWithMajority", """{"decision": "由综合执法局先行处置。"}""")))
            .Fields().Should().Equal("data.dissent");
        var done = await h.CompleteAsync(decision, "decideWithMajority",
            """{"decision": "由综合执法局先行处置。", "dissent": "自然资源局认为应由市场监管局查处，理由：涉及无照经营。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        var state = await h.StateAsync(id);
        state.Result().Should().Be("urgentDecision");
        state.Outputs["urgentDecision"]!["data"]!["dissent"]!.GetValue<string>().Should().Contain("自然资源局认为");
        state.Input["urgencyReason"]!.GetValue<string>().Should().Be("汛期临近，河道违建须立即处置。");
    }

    [Fact]
    public async Task An_urgent_decision_against_the_majority_requires_reasons()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h, urgent: true, urgencyReason: "涉及公共安全。");
        await RecordAsync(h, id, "urgentDecision", "recordOutcomeUrgent");

        var ex = await RejectedAsync(() => h.CompleteAsync(id, "urgentDecision", "decideAgainstMajority",
            """{"decision": "由市场监管局查处。", "dissent": "综合执法局、应急管理局不同意。"}"""));
        ex.Fields().Should().Equal("data.reasonsAgainstMajority");

        await h.CompleteAsync(id, "urgentDecision", "decideAgainstMajority",
            """{"decision": "由市场监管局查处。", "dissent": "综合执法局、应急管理局不同意。", "reasonsAgainstMajority": "无照经营属市场监管法定职责。"}""");
        (await h.StateAsync(id)).Result().Should().Be("urgentDecision");
    }

    [Theory]
    [InlineData("consensus", "minutesDraft")]
    [InlineData("defer", "deferredFollowUp")]
    [InlineData("officeRecommendation", "recommendation")]
    public async Task An_urgent_request_may_still_reach_consensus_defer_or_go_to_the_government(string outcome, string next)
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h, urgent: true, urgencyReason: "涉及公共安全。");

        await RecordAsync(h, id, outcome, "recordOutcomeUrgent");

        (await h.OpenTasksAsync(id)).Select(t => t.ActivityId).Should().Equal(next);
    }

    [Fact]
    public async Task Deferred_then_reported_to_the_leaders_who_decide_within_10_working_days()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);
        await RecordAsync(h, id, "defer");

        (await RejectedAsync(() => h.CompleteAsync(id, "deferredFollowUp", "reportToLeaders", """{"furtherWork": "会后协调两次，仍有分歧。"}""")))
            .Fields().Should().Equal("data.leaderAgency");
        await h.CompleteAsync(id, "deferredFollowUp", "reportToLeaders", """{"furtherWork": "会后协调两次，仍有分歧。", "leaderAgency": "gov"}""");

        var leader = await h.TaskAsync(id, "leaderDecision");
        leader.AssigneeAgency.Should().Be(Government);
        leader.AssigneeRole.Should().Be(Roles.Leader);
        leader.DueAt.Should().Be(EndOfDay(2026, 3, 16), "10 working days from Monday 2 March end on Monday 16 March");
        leader.Description!.Zh.Should().Contain("会后协调两次，仍有分歧。");
        (await RejectedAsync(() => h.CompleteAsync(leader, "decideAgainstMajority", """{"decision": "由市场监管局查处。"}""")))
            .Fields().Should().Equal("data.reasonsAgainstMajority");
        var done = await h.CompleteAsync(leader, "decideWithMajority", """{"decision": "由综合执法局查处。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(id)).Result().Should().Be("leaderDecision");
    }

    [Fact]
    public async Task A_leader_not_deciding_in_time_turns_red_and_nothing_is_decided()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);
        await RecordAsync(h, id, "defer");
        await h.CompleteAsync(id, "deferredFollowUp", "reportToLeaders", """{"furtherWork": "协调未果。", "leaderAgency": "gov"}""");

        await h.AdvanceAsync(TimeSpan.FromDays(15));

        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        alert.Level().Should().Be("red");
        alert.Recipients().Should().BeEquivalentTo(new[] { (CoordinationOffice, Roles.Coordinator), (CoordinationOffice, Roles.Leader) });
        (await h.TaskAsync(id, "leaderDecision")).Status.Should().Be(HumanTaskStatus.Open);
        (await h.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);

        await h.CompleteAsync(id, "leaderDecision", "decideAgainstMajority",
            """{"decision": "由市场监管局查处。", "reasonsAgainstMajority": "无照经营属市场监管法定职责。"}""");
        (await h.StateAsync(id)).Result().Should().Be("leaderDecision");
    }

    [Fact]
    public async Task Disagreement_at_an_office_meeting_goes_as_a_recommendation_to_the_district_government()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);
        await RecordAsync(h, id, "officeRecommendation");

        var recommendation = await h.TaskAsync(id, "recommendation");
        recommendation.AssigneeAgency.Should().Be(CoordinationOffice);
        recommendation.AssigneeRole.Should().Be(Roles.Coordinator);
        (await RejectedAsync(() => h.CompleteAsync(recommendation, "submit", "{}"))).Fields().Should().Equal("data.recommendation");
        await h.CompleteAsync(recommendation, "submit", """{"recommendation": "建议由市场监管局牵头、综合执法局配合查处。"}""");

        var government = await h.TaskAsync(id, "governmentDecision");
        government.AssigneeAgency.Should().Be(Government);
        government.AssigneeRole.Should().Be(Roles.Leader);
        government.DueAt.Should().Be(EndOfDay(2026, 3, 23), "15 working days from Monday 2 March end on Monday 23 March");
        government.LegalBasis.Should().Be("会商制度（默认设置）");
        government.Description!.Zh.Should().Contain("建议由市场监管局牵头");
        (await RejectedAsync(() => h.CompleteAsync(government, "decideOtherwise", """{"decision": "由综合执法局查处。"}""")))
            .Fields().Should().Equal("data.reasons");
        await h.CompleteAsync(government, "adoptRecommendation", """{"decision": "同意办公室建议。"}""");

        (await h.StateAsync(id)).Result().Should().Be("governmentDecision");
    }

    [Fact]
    public async Task The_government_may_decide_otherwise_with_reasons_and_is_alerted_when_late()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToDisagreementAsync(h);
        await RecordAsync(h, id, "officeRecommendation");
        await h.CompleteAsync(id, "recommendation", "submit", """{"recommendation": "建议由市场监管局查处。"}""");

        await h.AdvanceAsync(TimeSpan.FromDays(23));
        (await h.AlertsAsync(id)).Should().ContainSingle().Which.Recipients().Should().Contain((CoordinationOffice, Roles.Coordinator));
        await h.CompleteAsync(id, "governmentDecision", "decideOtherwise", """{"decision": "由综合执法局查处。", "reasons": "属占道行为。"}""");

        (await h.StateAsync(id)).Result().Should().Be("governmentDecision");
    }
}
