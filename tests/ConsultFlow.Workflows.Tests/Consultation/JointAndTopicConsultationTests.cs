using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Consultation.ConsultationDriver;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>联合会商 and 专题会商 (S001 article 20 (1)(2)).</summary>
public sealed class JointAndTopicConsultationTests
{
    private const string TownshipGovernment = "township-gov"; // the Chuxiong profile's jointConsultationConvener

    private const string Meeting =
        """{"meetingDate": "2026-03-10T09:00:00+08:00", "place": "乡政府会议室", "participants": ["zhzf", "scjg"], "agenda": "审批与执法衔接"}""";

    private const string Record =
        """{"heldOn": "2026-03-10", "issues": "审批事中事后监管衔接", "conclusions": "建立信息推送机制"}""";

    private static async Task<Guid> HoldJointMeetingAsync(DomainHarness h)
    {
        var started = await h.StartAsync("joint-consultation", "{}", by: DomainHarness.User(Township, Roles.Leader));
        await h.CompleteAsync(started.InstanceId, "convene", "convene", Meeting);
        await h.CompleteAsync(started.InstanceId, "meetingRecord", "held", Record);
        return started.InstanceId;
    }

    [Fact]
    public async Task Chuxiong_joint_consultations_are_convened_by_the_township_government()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");

        var started = await h.StartAsync("joint-consultation", "{}");

        var convene = await h.TaskAsync(started.InstanceId, "convene");
        convene.AssigneeAgency.Should().Be(TownshipGovernment);
        convene.AssigneeRole.Should().Be(Roles.Leader);
        (await RejectedAsync(() => h.CompleteAsync(convene, "convene", "{}"))).Fields()
            .Should().BeEquivalentTo("data.meetingDate", "data.place", "data.participants", "data.agenda");
        await h.CompleteAsync(convene, "convene", Meeting);
        var record = await h.TaskAsync(started.InstanceId, "meetingRecord");
        record.AssigneeAgency.Should().Be(TownshipGovernment);
        record.Description!.Zh.Should().Contain("审批与执法衔接");
    }

    [Fact]
    public async Task The_default_profile_names_the_district_government_as_convener()
    {
        var h = await DomainHarness.CreateAsync();

        var started = await h.StartAsync("joint-consultation", "{}");

        (await h.TaskAsync(started.InstanceId, "convene")).AssigneeAgency.Should().Be(Government);
    }

    [Fact]
    public async Task Scenario_7_six_months_without_a_joint_consultation_prompts_the_township_government_to_convene_one()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");
        var id = await HoldJointMeetingAsync(h);
        var adHoc = await h.TaskAsync(id, "adHocTrigger");
        adHoc.AssigneeAgency.Should().Be(TownshipGovernment);

        // Recorded Monday 2 March 2026 09:00: six months later is 2 September, ending at 24:00.
        await h.AdvanceAsync(new DateTimeOffset(2026, 9, 2, 23, 59, 0, Beijing) - h.Clock.GetUtcNow());
        (await h.OpenTasksAsync(id)).Select(t => t.ActivityId).Should().Equal("adHocTrigger");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        var prompt = await h.TaskAsync(id, "convene");
        prompt.AssigneeAgency.Should().Be(TownshipGovernment);
        prompt.AssigneeRole.Should().Be(Roles.Leader);
        prompt.CreatedAt.Should().Be(new DateTimeOffset(2026, 9, 3, 0, 0, 0, Beijing));
        (await h.Instances.GetTaskAsync(adHoc.Id))!.Status.Should().Be(HumanTaskStatus.Cancelled);
        (await h.JournalAsync(id)).Should().Contain(e => e.Kind == JournalKind.ActivityCompleted && e.ActivityId == "rhythmTimer");
    }

    [Fact]
    public async Task A_joint_consultation_can_be_convened_at_once_when_needed_which_restarts_the_half_year()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");
        var id = await HoldJointMeetingAsync(h);
        await h.AdvanceAsync(TimeSpan.FromDays(30));

        (await RejectedAsync(() => h.CompleteAsync(id, "adHocTrigger", "conveneNow", "{}"))).Fields().Should().Equal("data.reason");
        await h.CompleteAsync(id, "adHocTrigger", "conveneNow", """{"reason": "发现重大联动执法线索。"}""");

        (await h.OpenTasksAsync(id)).Select(t => t.ActivityId).Should().Equal("convene");
        await h.CompleteAsync(id, "convene", "convene", Meeting);
        await h.CompleteAsync(id, "meetingRecord", "held", Record);
        // First meeting recorded 2 March (due 2 September); the second recorded 1 April 09:00: six months later is
        // 1 October, a National Day holiday (1-7 October 2026), so the period rolls forward to Thursday 8 October, 24:00.
        await h.AdvanceAsync(new DateTimeOffset(2026, 10, 8, 23, 59, 0, Beijing) - h.Clock.GetUtcNow());
        (await h.OpenTasksAsync(id)).Select(t => t.ActivityId).Should().Equal(new[] { "adHocTrigger" },
            "the first half-year timer was dropped; the new one runs from the second meeting");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        (await h.TaskAsync(id, "convene")).CreatedAt.Should().Be(new DateTimeOffset(2026, 10, 9, 0, 0, 0, Beijing));
    }

    [Fact]
    public async Task The_convener_may_end_the_joint_consultation_mechanism_with_reasons()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");
        var started = await h.StartAsync("joint-consultation", "{}");

        (await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "convene", "discontinue", "{}"))).Fields().Should().Equal("data.reason");
        var done = await h.CompleteAsync(started.InstanceId, "convene", "discontinue", """{"reason": "改革试点结束。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(started.InstanceId)).Result().Should().Be("discontinued");
    }

    private const string Topic =
        """{"requestingAgency": "xhz", "subject": "夜市油烟扰民", "background": "群众投诉集中。", "mainContent": "明确油烟与占道的查处分工。", "disputedPoints": "油烟由谁查处"}""";

    [Fact]
    public async Task Scenario_7_a_topic_consultation_can_be_opened_at_any_time_by_the_township()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");
        await HoldJointMeetingAsync(h);

        var started = await h.StartAsync("topic-consultation", Topic, by: DomainHarness.User(Township, Roles.Leader));

        var convene = await h.TaskAsync(started.InstanceId, "convene");
        convene.AssigneeAgency.Should().Be(Township);
        convene.AssigneeRole.Should().Be(Roles.Leader);
        convene.Title.Zh.Should().Be("召集专题会商会议：夜市油烟扰民");
    }

    [Fact]
    public async Task A_department_may_open_a_topic_consultation_too()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");

        var started = await h.StartAsync("topic-consultation", Topic.Replace("\"xhz\"", "\"zrzy\""));

        (await h.TaskAsync(started.InstanceId, "convene")).AssigneeAgency.Should().Be(NaturalResources);
    }

    [Fact]
    public async Task A_topic_consultation_without_background_is_refused()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");

        var ex = await RejectedAsync(() => h.StartAsync("topic-consultation", """{"requestingAgency": "xhz", "subject": "油烟", "mainContent": "分工"}"""));

        ex.Fields().Should().Equal("input.background");
    }

    [Fact]
    public async Task Topic_participants_give_opinions_silence_is_no_reply_and_the_opener_records_the_conclusion()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");
        var started = await h.StartAsync("topic-consultation", Topic);
        await h.CompleteAsync(started.InstanceId, "convene", "convene",
            """{"meetingDate": "2026-03-04T15:00:00+08:00", "place": "星海镇会议室", "participants": ["zhzf", "scjg"]}""");

        var opinions = (await h.OpenTasksAsync(started.InstanceId)).Where(t => t.ActivityId == "topicOpinion").ToList();
        opinions.Select(t => t.AssigneeAgency).Should().BeEquivalentTo(ComprehensiveEnforcement, MarketRegulation);
        opinions.Should().OnlyContain(t => t.AssigneeRole == Roles.Leader && t.DueAt == EndOfDay(2026, 3, 5));
        await h.CompleteAsync(started.InstanceId, "topicOpinion", "agree", agency: ComprehensiveEnforcement);
        await h.AdvanceAsync(TimeSpan.FromDays(4));

        var conclusion = await h.TaskAsync(started.InstanceId, "conclusion");
        conclusion.AssigneeAgency.Should().Be(Township);
        conclusion.Description!.Zh.Should().Contain("同意 1 家；不同意 0 家；未反馈 1 家");
        var done = await h.CompleteAsync(conclusion, "resolved", """{"conclusions": "油烟由综合执法局查处。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(started.InstanceId)).Result().Should().Be("resolved");
    }

    [Fact]
    public async Task An_unresolved_topic_consultation_is_escalated_to_the_office_as_a_consultation_request()
    {
        var h = await DomainHarness.CreateAsync("chuxiong");
        var started = await h.StartAsync("topic-consultation", Topic, caseKey: "ZT-2026-003");
        await h.CompleteAsync(started.InstanceId, "convene", "convene",
            """{"meetingDate": "2026-03-04T15:00:00+08:00", "place": "星海镇会议室", "participants": ["zhzf"]}""");
        await h.CompleteAsync(started.InstanceId, "topicOpinion", "disagree", """{"opinion": "不属本局职责。"}""");

        (await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "conclusion", "escalate", """{"conclusions": "未达成一致。"}""")))
            .Fields().Should().Equal("data.disagreements");
        var done = await h.CompleteAsync(started.InstanceId, "conclusion", "escalate",
            """{"conclusions": "未达成一致。", "disagreements": "综合执法局认为不属其职责。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(started.InstanceId)).Result().Should().Be("escalatedToConsultation");
        var consultation = (await InstancesOfAsync(h, "consultation")).Should().ContainSingle().Subject;
        consultation.CorrelationKey.Should().Be("ZT-2026-003");
        var review = await h.TaskAsync(consultation.InstanceId, "review");
        review.AssigneeAgency.Should().Be(CoordinationOffice);
        review.Title.Zh.Should().Be("审议会商申请：夜市油烟扰民");
        (await h.StateAsync(consultation.InstanceId)).Input["requestingAgency"]!.GetValue<string>().Should().Be(Township);
    }
}
