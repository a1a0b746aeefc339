using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Consultation.ConsultationDriver;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>暂缓 → 重新会商 (S000 article 8): a new consultation linked to the deferred one.</summary>
public sealed class ReconsultationTests
{
    private const string Key = "HS-2026-007";

    private static string ReconsultRequest(string linkedTo = Key) => new JsonObject
    {
        ["requestingAgency"] = MarketRegulation,
        ["subject"] = "占道经营执法衔接（重新会商）",
        ["background"] = "会后与综合执法局沟通两次，形成初步方案。",
        ["mainContent"] = "按初步方案明确分工。",
        ["linkedTo"] = linkedTo,
    }.ToJsonString();

    private static async Task<(Guid Parent, Guid Child)> ToReconsultationAsync(DomainHarness h)
    {
        var parent = await ToDisagreementAsync(h, caseKey: Key);
        await RecordAsync(h, parent, "defer");
        await h.CompleteAsync(parent, "deferredFollowUp", "reconsult", """{"furtherWork": "会后沟通协调两次。"}""");
        var request = await h.TaskAsync(parent, "reconsultRequest");
        request.AssigneeAgency.Should().Be(MarketRegulation);
        request.AssigneeRole.Should().Be(Roles.Contact);
        await h.CompleteAsync(request, "submit", ReconsultRequest());
        var child = (await InstancesOfAsync(h, "consultation")).Single(i => i.InstanceId != parent);
        return (parent, child.InstanceId);
    }

    [Fact]
    public async Task A_reconsultation_request_needs_the_background_the_content_and_the_deferred_item_it_links_to()
    {
        var h = await DomainHarness.CreateAsync();
        var parent = await ToDisagreementAsync(h, caseKey: Key);
        await RecordAsync(h, parent, "defer");
        (await RejectedAsync(() => h.CompleteAsync(parent, "deferredFollowUp", "reconsult", "{}"))).Fields().Should().Equal("data.furtherWork");
        await h.CompleteAsync(parent, "deferredFollowUp", "reconsult", """{"furtherWork": "会后沟通协调两次。"}""");

        var ex = await RejectedAsync(() => h.CompleteAsync(parent, "reconsultRequest", "submit", """{"requestingAgency": "scjg"}"""));

        ex.Fields().Should().BeEquivalentTo("data.background", "data.mainContent", "data.linkedTo");
    }

    [Fact]
    public async Task Reconsulting_opens_a_new_consultation_linked_to_the_deferred_one()
    {
        var h = await DomainHarness.CreateAsync();

        var (parent, child) = await ToReconsultationAsync(h);

        var childState = await h.StateAsync(child);
        childState.Input["linkedTo"]!.GetValue<string>().Should().Be(Key);
        childState.CorrelationKey.Should().Be(Key);
        childState.Parent!.InstanceId.Should().Be(parent);
        var review = await h.TaskAsync(child, "review");
        review.Description!.Zh.Should().Contain("关联的暂缓会商事项：" + Key);
        (await h.StateAsync(parent)).Status.Should().Be(WorkflowStatus.Suspended, "the deferred item waits for the new meeting");
    }

    [Fact]
    public async Task Scenario_4_agreement_at_the_reconsultation_closes_the_deferral_and_its_minutes_go_to_approval()
    {
        var h = await DomainHarness.CreateAsync();
        var (parent, child) = await ToReconsultationAsync(h);
        await AcceptAsync(h, child, ComprehensiveEnforcement);
        await ConveneAsync(h, child);
        await h.CompleteAsync(child, "opinion", "agree", agency: ComprehensiveEnforcement);
        await RecordAsync(h, child, "consensus");
        await DraftMinutesAsync(h, child, TrainingTask);

        (await h.TaskAsync(child, "minutesApproval")).AssigneeAgency.Should().Be(CoordinationOffice);
        (await h.StateAsync(parent)).Status.Should().Be(WorkflowStatus.Suspended, "the deferral closes only once the new minutes are approved");

        await h.CompleteAsync(child, "minutesApproval", "approve");

        (await h.StateAsync(child)).Result().Should().Be("consensus");
        var parentState = await h.StateAsync(parent);
        parentState.Status.Should().Be(WorkflowStatus.Completed);
        parentState.Result().Should().Be("deferralClosedByReconsultation");
        parentState.Outputs["reconsultation"]!["result"]!.GetValue<string>().Should().Be("consensus");
        (await InstancesOfAsync(h, "task-decomposition")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_reconsultation_the_office_rejects_leaves_the_item_deferred()
    {
        var h = await DomainHarness.CreateAsync();
        var (parent, child) = await ToReconsultationAsync(h);

        await h.CompleteAsync(child, "review", "reject", """{"reason": "未形成新的方案。"}""");

        (await h.StateAsync(parent)).Status.Should().Be(WorkflowStatus.Suspended);
        var followUp = await h.TaskAsync(parent, "deferredFollowUp");
        followUp.Description!.Zh.Should().Contain("重新会商的结果：rejected");
    }

    [Fact]
    public async Task A_reconsultation_decided_another_way_closes_the_deferral_as_decided_there()
    {
        var h = await DomainHarness.CreateAsync();
        var (parent, child) = await ToReconsultationAsync(h);
        await AcceptAsync(h, child, ComprehensiveEnforcement);
        await ConveneAsync(h, child);
        await h.CompleteAsync(child, "opinion", "disagree", """{"opinion": "仍不同意。"}""", ComprehensiveEnforcement);
        await RecordAsync(h, child, "officeRecommendation");
        await h.CompleteAsync(child, "recommendation", "submit", """{"recommendation": "建议由市场监管局查处。"}""");

        await h.CompleteAsync(child, "governmentDecision", "adoptRecommendation", """{"decision": "同意。"}""");

        (await h.StateAsync(parent)).Result().Should().Be("decidedInReconsultation");
    }
}
