using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Referral.ReferralDriver;

namespace ConsultFlow.Workflows.Tests.Referral;

/// <summary>DOMAIN.md C.1-3: the case team, the written report and the head's decision (scenarios 10 and 11).</summary>
public sealed class HeadDecisionTests
{
    [Fact]
    public async Task A_referral_without_the_case_facts_is_refused_at_the_start_with_the_missing_inputs_named()
    {
        var harness = await DomainHarness.CreateAsync();

        var act = () => harness.StartAsync(DefinitionId, """{"agency": "scjg", "caseName": "某案"}""");

        var refused = await act.Should().ThrowAsync<EngineException>();
        refused.Which.Errors.Select(e => e.Field).Should().Contain(
            ["input.caseNo", "input.suspect", "input.suspectedCrime", "input.thresholdFacts", "input.evidenceSummary", "input.itemList"]);
    }

    [Fact]
    public async Task The_head_of_the_agency_appoints_the_case_team_at_once()
    {
        var referral = await StartAsync();

        var appoint = await referral.TaskAsync("appointTeam");

        appoint.AssigneeAgency.Should().Be(Agency);
        appoint.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        appoint.Title.Zh.Should().Contain("某公司销售伪劣产品案");
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("张三、")]
    [InlineData("  ")]
    public async Task A_case_team_of_fewer_than_two_officers_is_rejected_with_the_field_named(string members)
    {
        var referral = await StartAsync();

        var act = () => referral.CompleteAsync("appointTeam", "appointed", $$"""{"teamMembers": "{{members}}"}""");

        var rejected = await act.Should().ThrowAsync<EngineException>();
        rejected.Which.Errors.Select(e => e.Field).Should().Equal("data.teamMembers");
        (await referral.OpenActivitiesAsync()).Should().Equal("appointTeam");
    }

    [Theory]
    [InlineData("张三、李四")]
    [InlineData("张三，李四，王五")]
    public async Task A_team_of_two_or_more_officers_verifies_and_writes_the_report(string members)
    {
        var referral = await StartAsync();

        await referral.CompleteAsync("appointTeam", "appointed", $$"""{"teamMembers": "{{members}}"}""");

        var report = await referral.TaskAsync("teamReport");
        report.AssigneeAgency.Should().Be(Agency);
        report.AssigneeRole.Should().Be(Agencies.Roles.Staff);
        var withoutReport = () => referral.CompleteAsync("teamReport", "submitted", """{"verification": "已核实"}""");
        (await withoutReport.Should().ThrowAsync<EngineException>()).Which.Errors.Select(e => e.Field).Should().Equal("data.report");
    }

    [Fact]
    public async Task The_head_decides_within_3_days_of_receiving_the_report()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();

        var head = await referral.TaskAsync("headDecision");

        head.AssigneeAgency.Should().Be(Agency);
        head.AssigneeRole.Should().Be(Agencies.Roles.Leader);
        // Report received Monday 2 March 09:00; 3 calendar days (3, 4, 5 March) end at 24:00 on 5 March.
        head.DueAt.Should().Be(At(3, 6));
        head.LegalBasis.Should().Be("国务院令第310号 第五条");
        head.Outcomes.Select(o => o.Name).Should().Equal("approve", "refuse");
    }

    [Fact]
    public async Task Head_not_deciding_within_3_days_raises_a_red_alert_to_the_head_and_the_legal_office_and_approves_nothing()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();
        var head = await referral.TaskAsync("headDecision");

        await referral.AdvanceToAsync(At(3, 5, 23, 59));
        (await referral.AlertsAsync()).Should().BeEmpty("the period has not run out yet");

        await referral.AdvanceToAsync(At(3, 6, 0, 1));

        var alert = (await referral.AlertsAsync()).Should().ContainSingle().Subject;
        alert["level"]!.GetValue<string>().Should().Be("red");
        alert["taskId"]!.GetValue<string>().Should().Be(head.Id.ToString());
        alert["legalBasis"]!.GetValue<string>().Should().Be("国务院令第310号 第五条");
        Recipients(alert).Should().Contain(["scjg/leader", "scjg/legal", "sfj/coordinator"]);
        Recipients(alert).Should().Contain("jcy/staff", "the procuratorate supervises referrals and sees the warning");

        // Still waiting for a real decision: nothing approved, nothing transferred.
        (await referral.OpenActivitiesAsync()).Should().Equal("headDecision");
        var state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Suspended);
        state.Outputs.ContainsKey("headDecision").Should().BeFalse();

        // Days later the head still decides, and only then is the case transferred.
        await referral.AdvanceToAsync(At(3, 10, 9));
        (await referral.AlertsAsync()).Should().ContainSingle("one alert per overdue task");
        await referral.CompleteAsync("headDecision", "approve", """{"opinion": "同意移送"}""");
        (await referral.OpenActivitiesAsync()).Should().Equal("transfer");
    }

    [Fact]
    public async Task A_refusal_to_refer_without_reasons_is_rejected_with_the_field_named()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();

        var act = () => referral.CompleteAsync("headDecision", "refuse", """{"opinion": "不同意"}""");

        var rejected = await act.Should().ThrowAsync<EngineException>();
        rejected.Which.Errors.Select(e => e.Field).Should().Equal("data.refusalReasons");
        (await referral.OpenActivitiesAsync()).Should().Equal("headDecision");
    }

    [Fact]
    public async Task A_refusal_with_reasons_is_recorded_and_the_case_is_handled_administratively()
    {
        var referral = await StartAsync();
        await referral.AppointTeamAndReportAsync();

        await referral.CompleteAsync("headDecision", "refuse", """{"refusalReasons": "涉案金额未达追诉标准"}""");

        var state = await referral.StateAsync();
        state.Outputs["headDecision"]!["data"]!["refusalReasons"]!.GetValue<string>().Should().Be("涉案金额未达追诉标准");
        var handling = await referral.TaskAsync("adminHandling");
        handling.AssigneeAgency.Should().Be(Agency);
        (await referral.OpenActivitiesAsync()).Should().NotContain("transfer");

        await referral.CompleteAsync("adminHandling", "penalized", """{"handlingResult": "罚款10万元", "penaltyDecision": "att-penalty"}""");
        state = await referral.StateAsync();
        state.Status.Should().Be(WorkflowStatus.Completed);
        state.Output!["result"]!.GetValue<string>().Should().Be("handledAdministratively");
    }

    [Fact]
    public async Task Ningxia_profile_counts_the_heads_3_days_as_working_days_skipping_the_Eid_holiday()
    {
        var referral = await StartAsync("ningxia-working-days");
        await referral.AdvanceToAsync(At(3, 18, 9)); // Wednesday 18 March 2026
        await referral.AppointTeamAndReportAsync();

        var head = await referral.TaskAsync("headDecision");

        // Working days after Wed 18 March in Ningxia: Thu 19 (1); Fri 20 开斋节 and the weekend do not count;
        // Mon 23 (2), Tue 24 (3): due at 24:00 on 24 March.
        head.DueAt.Should().Be(At(3, 25));
        head.LegalBasis.Should().Be("国务院令第310号 第五条");
        head.DueEstimated.Should().BeTrue("the 2026 Ningxia holiday layer is provisional");
    }

    [Fact]
    public async Task Default_profile_counts_the_heads_3_days_as_calendar_days_rolling_past_the_weekend()
    {
        var referral = await StartAsync();
        await referral.AdvanceToAsync(At(3, 18, 9));
        await referral.AppointTeamAndReportAsync();

        var head = await referral.TaskAsync("headDecision");

        // Calendar days 19, 20, 21 March; Saturday 21 is not a working day, so the period ends Monday 23 at 24:00.
        head.DueAt.Should().Be(At(3, 24));
    }
}
