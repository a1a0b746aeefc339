using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Referral.ReferralDriver;

namespace ConsultFlow.Workflows.Tests.Referral;

/// <summary>DOMAIN.md C.6-7: the police review within 3日, extensions, filing and the hand-over (scenario 15).</summary>
public sealed class PoliceReviewTests
{
    [Fact]
    public async Task The_police_review_is_due_3_days_after_acceptance()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();
        await referral.AdvanceToAsync(At(3, 2, 17));

        await referral.AcceptAsync();

        var review = await referral.TaskAsync("policeReview");
        review.AssigneeAgency.Should().Be(Agencies.Police);
        review.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        review.DueAt.Should().Be(At(3, 6));
        review.LegalBasis.Should().Be("国务院令第310号 第八条");
        review.Outcomes.Select(o => o.Name).Should().Equal("file", "notFile", "extend7", "extend30");
    }

    [Fact]
    public async Task A_review_left_open_past_3_days_alerts_the_police_leader_the_agency_and_the_procuratorate_and_decides_nothing()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();

        await referral.AdvanceToAsync(At(3, 6, 0, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        alert["legalBasis"]!.GetValue<string>().Should().Be("国务院令第310号 第八条");
        Recipients(alert).Should().Equal("gaj/leader", "scjg/leader", "jcy/staff");
        (await referral.OpenActivitiesAsync()).Should().Contain("policeReview").And.NotContain("handover").And.NotContain("notFiledResponse");
    }

    [Fact]
    public async Task Case_filed_the_agency_gets_a_3_day_hand_over_task_with_the_item_list_and_hand_over_record()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();
        await referral.RegisterProcuratorateCopyAsync();
        await referral.AdvanceToAsync(At(3, 3, 10));

        var noNotice = () => referral.CompleteAsync("policeReview", "file");
        (await noNotice.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.filingNotice");
        await referral.CompleteAsync("policeReview", "file", """{"filingNotice": "att-filing-notice"}""");

        var handover = await referral.TaskAsync("handover");
        handover.AssigneeAgency.Should().Be(Agency);
        handover.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        // Filing notice Tuesday 3 March 10:00; 3 calendar days (4, 5, 6 March) end at 24:00 on Friday 6 March.
        handover.DueAt.Should().Be(At(3, 7));
        handover.LegalBasis.Should().Be("国务院令第310号 第十二条");
        handover.Form.Fields.Where(f => f.Required).Select(f => f.Key).Should().Equal("itemList", "handoverRecord");
        handover.Form.Fields.Single(f => f.Key == "itemList").Label.Zh.Should().Be("涉案物品清单");

        var incomplete = () => referral.CompleteAsync("handover", "handedOver", """{"itemList": "att-items"}""");
        (await incomplete.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.handoverRecord");
        await referral.HandOverAsync();

        var state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Completed);
        state.Output!["result"]!.GetValue<string>().Should().Be("filed");
    }

    [Fact]
    public async Task A_late_hand_over_turns_red_for_the_agency()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();
        await referral.CompleteAsync("policeReview", "file", """{"filingNotice": "att-filing-notice"}""");

        await referral.AdvanceToAsync(At(3, 6, 0, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        alert["legalBasis"]!.GetValue<string>().Should().Be("国务院令第310号 第十二条");
        Recipients(alert).Should().Contain(["scjg/leader", "scjg/legal"]);
        (await referral.OpenActivitiesAsync()).Should().Contain("handover");
    }

    [Fact]
    public async Task Extension_to_7_days_needs_a_reason_and_restarts_the_review_with_the_longer_period()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();
        await referral.AdvanceToAsync(At(3, 4, 9));

        var noReason = () => referral.CompleteAsync("policeReview", "extend7");
        (await noReason.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.extensionReason");
        await referral.CompleteAsync("policeReview", "extend7", """{"extensionReason": "资金流向线索需要查证"}""");

        var extended = await referral.TaskAsync("policeReviewExtended7");
        extended.AssigneeAgency.Should().Be(Agencies.Police);
        extended.DueAt.Should().Be(At(3, 12), "7 calendar days from Wednesday 4 March: 5-11 March");
        extended.LegalBasis.Should().Contain("公安机关受理行政执法机关移送涉嫌犯罪案件规定》第八条");
        (await referral.StateAsync()).Outputs["policeReview"]!["data"]!["extensionReason"]!.GetValue<string>().Should().Be("资金流向线索需要查证");

        await referral.CompleteAsync("policeReviewExtended7", "file", """{"filingNotice": "att-filing-notice"}""");
        (await referral.TaskAsync("handover")).AssigneeAgency.Should().Be(Agency);
    }

    [Fact]
    public async Task Extension_to_30_days_needs_the_approval_of_a_county_level_police_head()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();

        var noApproval = () => referral.CompleteAsync("policeReview", "extend30", """{"extensionReason": "重大复杂案件"}""");
        (await noApproval.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.extensionApproval");
        await referral.CompleteAsync("policeReview", "extend30", """{"extensionReason": "重大复杂案件", "extensionApproval": "att-approval"}""");

        var extended = await referral.TaskAsync("policeReviewExtended30");
        extended.DueAt.Should().Be(At(4, 2), "30 calendar days from Monday 2 March: 3 March - 1 April");
        extended.Outcomes.Select(o => o.Name).Should().Equal("file", "notFile");

        await referral.AdvanceToAsync(At(4, 2, 0, 1));
        (await referral.AlertsAsync()).Should().ContainSingle().Which["message"]!.GetValue<string>().Should().Contain("30日");

        await referral.CompleteAsync("policeReviewExtended30", "notFile", NotFiled);
        (await referral.TaskAsync("notFiledResponse")).AssigneeAgency.Should().Be(Agency);
    }

    [Fact]
    public async Task A_7_day_extension_may_be_followed_by_the_approved_30_day_extension()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();
        await referral.CompleteAsync("policeReview", "extend7", """{"extensionReason": "线索需要查证"}""");

        await referral.CompleteAsync("policeReviewExtended7", "extend30", """{"extensionReason": "查证后发现系重大复杂案件", "extensionApproval": "att-approval"}""");

        (await referral.OpenActivitiesAsync()).Should().Contain("policeReviewExtended30");
    }

    [Fact]
    public async Task Not_filing_needs_reasons_the_notice_of_not_filing_and_the_returned_materials()
    {
        var referral = await StartAsync();
        await referral.ToPoliceReviewAsync();

        var act = () => referral.CompleteAsync("policeReview", "notFile");

        (await act.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should()
            .BeEquivalentTo(["data.notFiledReasons", "data.notFiledNotice", "data.returnedMaterials"]);
    }
}
