using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Referral.ReferralDriver;

namespace ConsultFlow.Workflows.Tests.Referral;

/// <summary>DOMAIN.md C.5: the police receipt, incomplete materials, forwarding, not police competence (scenarios 12, 13).</summary>
public sealed class PoliceReceiptTests
{
    [Fact]
    public async Task The_police_receipt_offers_no_refusal_for_incomplete_materials()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();

        var receipt = await referral.TaskAsync("receipt");

        receipt.Outcomes.Select(o => o.Name).Should().Equal("accept", "materialsIncomplete", "forward", "notPoliceCompetence");
        var labels = receipt.Outcomes.Select(o => o.Label is null ? "" : o.Label.Zh).ToList();
        receipt.Outcomes.Select(o => o.Name).Should().NotContain(n => n.Contains("refuse", StringComparison.OrdinalIgnoreCase) || n.Contains("reject", StringComparison.OrdinalIgnoreCase));
        labels.Should().NotContain(l => l.Contains("不予接受") || l.Contains("拒"));
        var refuse = () => referral.CompleteAsync("receipt", "refuse", """{"reasons": "材料不全"}""");
        (await refuse.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Contain("outcome");
    }

    [Fact]
    public async Task Materials_incomplete_the_notice_is_due_within_24_hours_and_the_agencys_3_day_completion_clock_starts()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();
        await referral.AdvanceToAsync(At(3, 2, 10));

        var noList = () => referral.CompleteAsync("receipt", "materialsIncomplete", """{"receiptForm": "att-receipt"}""");
        (await noList.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.missingMaterials");
        await referral.CompleteAsync("receipt", "materialsIncomplete", """{"receiptForm": "att-receipt", "missingMaterials": "缺少检验报告原件"}""");

        var notice = await referral.TaskAsync("materialsNotice");
        notice.AssigneeAgency.Should().Be(Agencies.Police);
        notice.DueAt.Should().Be(At(3, 3, 10), "the written notice is due within 24 hours");
        notice.LegalBasis.Should().Be("公安机关办理刑事案件程序规定（移送案件受理）");
        notice.Outcomes.Select(o => o.Name).Should().Equal("notified");

        await referral.AdvanceToAsync(At(3, 2, 16));
        await referral.CompleteAsync("materialsNotice", "notified", """{"completionNotice": "att-notice"}""");

        var completion = await referral.TaskAsync("materialsCompletion");
        completion.AssigneeAgency.Should().Be(Agency);
        completion.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        // Notified Monday 2 March 16:00; 3 calendar days (3, 4, 5 March) end at 24:00 on 5 March.
        completion.DueAt.Should().Be(At(3, 6));
        completion.LegalBasis.Should().Be("公安机关办理刑事案件程序规定（移送案件受理）");

        await referral.CompleteAsync("materialsCompletion", "completed", """{"completedMaterials": ["att-testing-original"]}""");

        var again = await referral.TaskAsync("receipt");
        again.AssigneeAgency.Should().Be(Agencies.Police);
        again.Outcomes.Select(o => o.Name).Should().NotContain(n => n.Contains("refuse"));
        await referral.AcceptAsync();
        (await referral.OpenActivitiesAsync()).Should().Contain("policeReview");
    }

    [Fact]
    public async Task Late_notice_and_late_completion_each_turn_red_for_the_party_that_is_late()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();
        await referral.CompleteAsync("receipt", "materialsIncomplete", """{"receiptForm": "att-receipt", "missingMaterials": "缺少检验报告原件"}""");

        await referral.AdvanceToAsync(At(3, 3, 9, 1));
        var noticeAlert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(noticeAlert).Should().Contain(["gaj/leader", "scjg/leader", "jcy/staff"]);

        await referral.CompleteAsync("materialsNotice", "notified", """{"completionNotice": "att-notice"}""");
        await referral.AdvanceToAsync(At(3, 7, 0, 1)); // notified 3 March 09:01: due 24:00 on 6 March
        var alerts = await referral.AlertsAsync();
        alerts.Should().HaveCount(2);
        Recipients(alerts[1]).Should().Contain(["scjg/leader", "scjg/legal", "sfj/coordinator"]);
        (await referral.OpenActivitiesAsync()).Should().Contain("materialsCompletion");
    }

    [Fact]
    public async Task Receipt_not_signed_within_24_hours_alerts_the_police_leader_the_agency_and_the_procuratorate()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();

        await referral.AdvanceToAsync(At(3, 3, 9, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(alert).Should().Equal("gaj/leader", "scjg/leader", "jcy/staff");
        (await referral.OpenActivitiesAsync()).Should().Contain("receipt");
    }

    [Fact]
    public async Task Another_police_offices_jurisdiction_is_forwarded_within_24_hours_and_that_office_receives_and_reviews()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();

        var noOffice = () => referral.CompleteAsync("receipt", "forward", """{"reasons": "案发地在江州区"}""");
        (await noOffice.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.competentOffice");
        await referral.AdvanceToAsync(At(3, 2, 11));
        await referral.CompleteAsync("receipt", "forward", """{"competentOffice": "gaj-jz", "reasons": "案发地在江州区"}""");

        var forward = await referral.TaskAsync("forwardCase");
        forward.AssigneeAgency.Should().Be(Agencies.Police);
        forward.DueAt.Should().Be(At(3, 3, 11));
        forward.LegalBasis.Should().Be("国务院令第310号 第七条");
        var noNotice = () => referral.CompleteAsync("forwardCase", "forwarded", """{"forwardLetter": "att-forward"}""");
        (await noNotice.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.agencyNotice");
        await referral.CompleteAsync("forwardCase", "forwarded", """{"forwardLetter": "att-forward", "agencyNotice": "att-agency-notice"}""");

        var receipt = await referral.TaskAsync("receipt");
        receipt.AssigneeAgency.Should().Be(Agencies.OtherPolice);
        (await referral.StateAsync()).Variables["policeOffice"]!.GetValue<string>().Should().Be(Agencies.OtherPolice);

        await referral.AdvanceToAsync(At(3, 3, 12));
        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        Recipients(alert).Should().Contain("gaj-jz/leader", "the forwarded office is now the one that is late");

        await referral.AcceptAsync();
        var review = await referral.TaskAsync("policeReview");
        review.AssigneeAgency.Should().Be(Agencies.OtherPolice);
        review.AssigneeRole.Should().Be(Agencies.Roles.Leader);
    }

    [Fact]
    public async Task Not_police_competence_without_reasons_is_rejected()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();

        var act = () => referral.CompleteAsync("receipt", "notPoliceCompetence");

        (await act.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().BeEquivalentTo(["data.reasons", "data.notice"]);
    }

    [Fact]
    public async Task Not_police_competence_a_reasoned_notice_returns_the_case_to_the_agency_to_choose_another_authority()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();
        await referral.RegisterProcuratorateCopyAsync();

        await referral.CompleteAsync("receipt", "notPoliceCompetence", """{"reasons": "属于监察机关管辖的职务犯罪", "notice": "att-notice"}""");

        var choose = await referral.TaskAsync("chooseAuthority");
        choose.AssigneeAgency.Should().Be(Agency);
        choose.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        choose.Outcomes.Select(o => o.Name).Should().Equal("transferElsewhere", "handleAdministratively");
        (await referral.StateAsync()).Outputs["receipt"]!["data"]!["reasons"]!.GetValue<string>().Should().Be("属于监察机关管辖的职务犯罪");

        var noAuthority = () => referral.CompleteAsync("chooseAuthority", "transferElsewhere", """{"transferLetter": "att-letter-2"}""");
        (await noAuthority.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.otherAuthority");
        await referral.CompleteAsync("chooseAuthority", "transferElsewhere", """{"otherAuthority": "jwjc", "transferLetter": "att-letter-2"}""");

        var state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Completed);
        state.Output!["result"]!.GetValue<string>().Should().Be("transferredElsewhere");
    }

    [Fact]
    public async Task Not_police_competence_the_agency_may_instead_handle_the_case_administratively()
    {
        var referral = await StartAsync();
        await referral.ToReceiptAsync();
        await referral.CompleteAsync("receipt", "notPoliceCompetence", """{"reasons": "不属于公安机关管辖", "notice": "att-notice"}""");

        await referral.CompleteAsync("chooseAuthority", "handleAdministratively", """{"reasons": "依法给予行政处罚"}""");

        (await referral.TaskAsync("adminHandling")).AssigneeAgency.Should().Be(Agency);
    }
}
