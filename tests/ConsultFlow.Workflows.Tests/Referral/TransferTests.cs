using ConsultFlow.Engine.Runtime;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Referral.ReferralDriver;

namespace ConsultFlow.Workflows.Tests.Referral;

/// <summary>DOMAIN.md C.4: transfer within 24 hours with the five documents, copy to the procuratorate, penalty copy.</summary>
public sealed class TransferTests
{
    [Fact]
    public async Task Approval_opens_the_transfer_due_within_24_hours_of_the_decision()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();
        await referral.AdvanceToAsync(At(3, 3, 14, 30));

        await referral.CompleteAsync("headDecision", "approve");

        var transfer = await referral.TaskAsync("transfer");
        transfer.AssigneeAgency.Should().Be(Agency);
        transfer.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        transfer.DueAt.Should().Be(At(3, 4, 14, 30), "24 hours run from the exact moment of approval");
        transfer.LegalBasis.Should().Be("国务院令第310号 第五条");
    }

    [Fact]
    public async Task The_transfer_needs_all_five_documents()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();
        await referral.CompleteAsync("headDecision", "approve");

        var act = () => referral.CompleteAsync("transfer", "transferred", """{"transferLetter": "att-letter"}""");

        var rejected = await act.Should().ThrowAsync<EngineException>();
        rejected.Which.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            ["data.investigationReport", "data.itemList", "data.testingReport", "data.otherMaterials"]);
        var form = (await referral.TaskAsync("transfer")).Form.Fields;
        form.Select(f => f.Label.Zh).Should().Equal("涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告", "涉案物品清单", "检验报告或者鉴定结论", "其他有关涉嫌犯罪的材料");
        form.Should().OnlyContain(f => f.Required && f.Type == ConsultFlow.Engine.Tasks.FormFieldType.File);
    }

    [Fact]
    public async Task A_transfer_not_made_within_24_hours_raises_a_red_alert_and_keeps_waiting()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();
        await referral.CompleteAsync("headDecision", "approve");

        await referral.AdvanceToAsync(At(3, 3, 9, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        alert["level"]!.GetValue<string>().Should().Be("red");
        Recipients(alert).Should().Contain(["scjg/leader", "scjg/legal", "sfj/coordinator"]);
        (await referral.OpenActivitiesAsync()).Should().Equal("transfer");
    }

    [Fact]
    public async Task The_transfer_goes_to_the_same_level_police_and_the_transfer_letter_is_copied_to_the_procuratorate()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();
        await referral.CompleteAsync("headDecision", "approve");
        await referral.AdvanceToAsync(At(3, 2, 15));

        await referral.CompleteAsync("transfer", "transferred", TransferDocuments);

        var copy = await referral.TaskAsync("procuratorateCopy");
        copy.AssigneeAgency.Should().Be(Agencies.Procuratorate);
        copy.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        var receipt = await referral.TaskAsync("receipt");
        receipt.AssigneeAgency.Should().Be(Agencies.Police);
        receipt.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        receipt.DueAt.Should().Be(At(3, 3, 15));
        receipt.LegalBasis.Should().Be("国务院令第310号 第七条");
        (await referral.StateAsync()).Variables["policeOffice"]!.GetValue<string>().Should().Be(Agencies.Police);
    }

    [Fact]
    public async Task A_penalty_already_imposed_is_copied_to_police_and_procuratorate_within_10_days()
    {
        var referral = await StartAsync(penaltyAlreadyImposed: true);
        await referral.AppointTeamAndReportAsync();

        await referral.CompleteAsync("headDecision", "approve");

        var copy = await referral.TaskAsync("penaltyCopy");
        copy.AssigneeAgency.Should().Be(Agency);
        // Approved Monday 2 March 09:00; 10 calendar days (3-12 March) end at 24:00 on Thursday 12 March.
        copy.DueAt.Should().Be(At(3, 13));
        copy.LegalBasis.Should().Be("地方实践（可配置）");
        var withoutDecision = () => referral.CompleteAsync("penaltyCopy", "copied", """{"copiedTo": ["gaj", "jcy"]}""");
        (await withoutDecision.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.penaltyDecision");

        await referral.CompleteAsync("penaltyCopy", "copied", """{"penaltyDecision": "att-penalty", "copiedTo": ["gaj", "jcy"]}""");
        (await referral.OpenActivitiesAsync()).Should().Equal("transfer");
    }

    [Fact]
    public async Task A_penalty_copy_left_undone_turns_red()
    {
        var referral = await StartAsync(penaltyAlreadyImposed: true);
        await referral.AppointTeamAndReportAsync();
        await referral.CompleteAsync("headDecision", "approve");
        await referral.CompleteAsync("transfer", "transferred", TransferDocuments);

        await referral.AdvanceToAsync(At(3, 13, 0, 1));

        var alerts = await referral.AlertsAsync();
        alerts.Should().Contain(a => a["message"]!.GetValue<string>().Contains("行政处罚决定书"));
        (await referral.OpenActivitiesAsync()).Should().Contain("penaltyCopy");
    }

    [Fact]
    public async Task Without_an_earlier_penalty_there_is_nothing_to_copy()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();

        await referral.CompleteAsync("headDecision", "approve");

        (await referral.OpenActivitiesAsync()).Should().Equal("transfer");
    }
}
