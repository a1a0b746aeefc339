using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Consultation.ConsultationDriver;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>提请会商 and 办公室审议 (S000 articles 5-6): the request, its review, revision and rejection.</summary>
public sealed class ConsultationRequestTests
{
    [Fact]
    public async Task A_request_without_background_or_main_content_is_rejected_as_incomplete_naming_the_fields()
    {
        var h = await DomainHarness.CreateAsync();

        var ex = await RejectedAsync(() => h.StartAsync("consultation", """{"requestingAgency": "scjg", "subject": "占道经营"}"""));

        ex.Code.Should().Be(EngineErrorCode.Invalid);
        ex.Fields().Should().BeEquivalentTo("input.background", "input.mainContent");
        (await InstancesOfAsync(h, "consultation")).Should().BeEmpty("an incomplete request creates nothing");
    }

    [Fact]
    public async Task A_request_missing_only_the_main_content_names_just_that_field()
    {
        var h = await DomainHarness.CreateAsync();

        var ex = await RejectedAsync(() => h.StartAsync("consultation", """{"requestingAgency": "scjg", "background": "投诉增多"}"""));

        ex.Fields().Should().Equal("input.mainContent");
    }

    [Fact]
    public async Task A_request_category_must_be_one_of_the_items_of_article_5()
    {
        var h = await DomainHarness.CreateAsync();

        var ex = await RejectedAsync(() => h.StartAsync("consultation",
            """{"requestingAgency": "scjg", "background": "投诉增多", "mainContent": "明确分工", "category": "其他事项"}"""));

        ex.Fields().Should().Equal("input.category");
    }

    [Fact]
    public async Task A_complete_request_goes_to_the_office_for_review_within_3_working_days()
    {
        var h = await DomainHarness.CreateAsync();

        var started = await StartAsync(h);

        started.Status.Should().Be(WorkflowStatus.Suspended);
        var review = await h.TaskAsync(started.InstanceId, "review");
        review.AssigneeAgency.Should().Be(CoordinationOffice);
        review.AssigneeRole.Should().Be(Roles.Coordinator);
        review.DueAt.Should().Be(EndOfDay(2026, 3, 5), "Monday 09:00 + 3 working days ends at 24:00 on Thursday");
        review.LegalBasis.Should().Be("会商制度（默认设置）");
        review.Title.Zh.Should().Be("审议会商申请：占道经营执法衔接");
        review.Description!.Zh.Should().Contain("背景：城区占道经营投诉增多").And.Contain("主要内容：明确占道经营").And.Contain("争议焦点：流动摊贩");
        review.OutcomeNames().Should().Equal("accept", "return", "reject");
    }

    [Fact]
    public async Task An_overdue_review_turns_red_for_the_office_and_accepts_nothing()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);

        await h.AdvanceAsync(TimeSpan.FromDays(3).Add(TimeSpan.FromHours(14.9)));
        (await h.AlertsAsync(started.InstanceId)).Should().BeEmpty("Thursday 23:54 is still within the period");
        await h.AdvanceAsync(TimeSpan.FromHours(0.2));

        var alert = (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle().Subject;
        alert.Level().Should().Be("red");
        alert.Recipients().Should().BeEquivalentTo(new[] { (CoordinationOffice, Roles.Leader), (CoordinationOffice, Roles.Coordinator) });
        alert["legalBasis"]!.GetValue<string>().Should().Be("会商制度（默认设置）");
        (await h.TaskAsync(started.InstanceId, "review")).Status.Should().Be(HumanTaskStatus.Open);
        (await h.OpenTasksAsync(started.InstanceId)).Should().ContainSingle("nothing moved on by itself");
    }

    [Fact]
    public async Task Accepting_requires_the_participants_and_the_category_chosen_from_article_5()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);

        var missing = await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "review", "accept", "{}"));
        missing.Fields().Should().BeEquivalentTo("data.participants", "data.category");

        var wrong = await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "review", "accept",
            """{"participants": ["zhzf"], "category": "其他", "format": "电话会"}"""));
        wrong.Fields().Should().BeEquivalentTo("data.category", "data.format");
    }

    [Fact]
    public async Task Accepting_sets_the_participants_and_the_office_coordinator_sends_the_notice_defaulting_to_a_round_table()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);

        await h.CompleteAsync(started.InstanceId, "review", "accept",
            """{"participants": ["zhzf", "zrzy"], "category": "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题"}""");

        var convene = await h.TaskAsync(started.InstanceId, "convene");
        convene.AssigneeAgency.Should().Be(CoordinationOffice);
        convene.AssigneeRole.Should().Be(Roles.Coordinator);
        convene.Description!.Zh.Should().Contain("会商形式：座谈会");
        convene.DueAt.Should().Be(EndOfDay(2026, 3, 5));
        convene.LegalBasis.Should().Be("会商制度（默认设置）");
        (await RejectedAsync(() => h.CompleteAsync(convene, "notify", "{}"))).Fields()
            .Should().BeEquivalentTo("data.meetingDate", "data.place", "data.convener");
    }

    [Fact]
    public async Task An_on_site_meeting_is_announced_as_such()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);

        await h.CompleteAsync(started.InstanceId, "review", "accept",
            """{"participants": ["zhzf"], "category": "（五）其他应列入会商制度研究商议的工作", "format": "现场会"}""");

        (await h.TaskAsync(started.InstanceId, "convene")).Description!.Zh.Should().Contain("会商形式：现场会");
    }

    [Fact]
    public async Task Returning_for_revision_sends_the_request_back_to_the_requester_who_resubmits_it_for_review()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);

        (await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "review", "return", "{}"))).Fields().Should().Equal("data.reason");
        await h.CompleteAsync(started.InstanceId, "review", "return", """{"reason": "请补充近三个月投诉数据。"}""");

        var revise = await h.TaskAsync(started.InstanceId, "revise");
        revise.AssigneeAgency.Should().Be(MarketRegulation);
        revise.AssigneeRole.Should().Be(Roles.Contact);
        revise.Description!.Zh.Should().Contain("请补充近三个月投诉数据。");
        (await RejectedAsync(() => h.CompleteAsync(revise, "resubmit", """{"background": "补充后的背景"}"""))).Fields()
            .Should().Equal("data.mainContent");

        await h.CompleteAsync(revise, "resubmit", """{"background": "近三个月投诉120件。", "mainContent": "明确查处分工。"}""");

        var again = await h.TaskAsync(started.InstanceId, "review");
        again.Description!.Zh.Should().Contain("背景：近三个月投诉120件。").And.Contain("主要内容：明确查处分工。");
        await AcceptAsync(h, started.InstanceId, ComprehensiveEnforcement);
        (await h.TaskAsync(started.InstanceId, "convene")).Should().NotBeNull();
    }

    [Fact]
    public async Task A_returned_request_can_be_withdrawn_with_reasons()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);
        await h.CompleteAsync(started.InstanceId, "review", "return", """{"reason": "事项不属于会商范围。"}""");

        (await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "revise", "withdraw", "{}"))).Fields().Should().Equal("data.withdrawReason");
        var done = await h.CompleteAsync(started.InstanceId, "revise", "withdraw", """{"withdrawReason": "已自行协调解决。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(started.InstanceId)).Result().Should().Be("withdrawn");
    }

    [Fact]
    public async Task A_rejection_needs_reasons_and_ends_the_request()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);

        (await RejectedAsync(() => h.CompleteAsync(started.InstanceId, "review", "reject", "{}"))).Fields().Should().Equal("data.reason");
        var done = await h.CompleteAsync(started.InstanceId, "review", "reject", """{"reason": "不属于第五条所列会商事项。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(started.InstanceId)).Result().Should().Be("rejected");
    }

    [Fact]
    public async Task An_overdue_notice_turns_red_for_the_office_leader()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await StartAsync(h);
        await AcceptAsync(h, started.InstanceId, ComprehensiveEnforcement);

        await h.AdvanceAsync(TimeSpan.FromDays(4));

        var alert = (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle().Subject;
        alert.Recipients().Should().Equal((CoordinationOffice, Roles.Leader));
        alert["message"]!.GetValue<string>().Should().Contain("会议通知逾期未发出");
        (await h.TaskAsync(started.InstanceId, "convene")).Status.Should().Be(HumanTaskStatus.Open);
    }
}
