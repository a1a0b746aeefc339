using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Consultation.ConsultationDriver;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>会商记录 (S000 article 9) and the dispatch of the task decomposition (annex 2) from approved minutes only.</summary>
public sealed class MinutesTests
{
    private static async Task<Guid> ToConsensusAsync(DomainHarness h)
    {
        var id = await ToMeetingOutcomeAsync(h, opinions: [(ComprehensiveEnforcement, "agree"), (NaturalResources, "agree")]);
        await RecordAsync(h, id, "consensus");
        return id;
    }

    [Fact]
    public async Task Consensus_has_the_requesting_unit_draft_the_minutes_within_5_working_days()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);

        var draft = await h.TaskAsync(id, "minutesDraft");

        draft.AssigneeAgency.Should().Be(MarketRegulation);
        draft.AssigneeRole.Should().Be(Roles.Contact);
        draft.DueAt.Should().Be(EndOfDay(2026, 3, 9), "5 working days from Monday 2 March end on Monday 9 March");
        draft.LegalBasis.Should().Be("会商制度（默认设置）");
        draft.Description!.Zh.Should().Contain("无照经营由市场监管局查处");
        (await RejectedAsync(() => h.CompleteAsync(draft, "submit", "{}"))).Fields().Should().Equal("data.minutes");
    }

    [Fact]
    public async Task Minutes_not_drafted_in_time_turn_red_for_the_office()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);

        await h.AdvanceAsync(TimeSpan.FromDays(8));

        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        alert.Recipients().Should().Equal((CoordinationOffice, Roles.Coordinator));
        alert["message"]!.GetValue<string>().Should().Contain("会商记录逾期未起草");
        (await h.TaskAsync(id, "minutesDraft")).Status.Should().Be(HumanTaskStatus.Open);
    }

    [Fact]
    public async Task Scenario_6_every_listed_task_needs_responsible_units_measures_and_a_due_date()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);
        await h.CompleteAsync(id, "minutesDraft", "submit", """{"minutes": "会商记录"}""");

        var empty = await RejectedAsync(() => h.CompleteAsync(id, "taskEntry", "addDated", """{"seq": 1, "task": "开展培训"}"""));
        empty.Fields().Should().BeEquivalentTo("data.measures", "data.responsibleUnits", "data.due");

        var yearly = await RejectedAsync(() => h.CompleteAsync(id, "taskEntry", "addYearly",
            """{"seq": 28, "task": "年度报告", "measures": "报送", "responsibleUnits": ["sfj"], "yearlyDue": "1月15日"}"""));
        yearly.Fields().Should().Equal("data.yearlyDue");

        var noUnits = await RejectedAsync(() => h.CompleteAsync(id, "taskEntry", "addDated",
            """{"seq": 1, "task": "开展培训", "measures": "全员轮训", "responsibleUnits": [], "due": "2026-06-30"}"""));
        noUnits.Fields().Should().Equal("data.responsibleUnits");
    }

    [Fact]
    public async Task Scenario_5_tasks_are_not_dispatched_from_minutes_that_are_not_approved()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);
        await DraftMinutesAsync(h, id, TrainingTask);

        var approval = await h.TaskAsync(id, "minutesApproval");
        approval.AssigneeAgency.Should().Be(CoordinationOffice);
        approval.AssigneeRole.Should().Be(Roles.Coordinator);
        approval.DueAt.Should().Be(EndOfDay(2026, 3, 9));
        approval.Description!.Zh.Should().Contain("任务分解（1 项）").And.Contain("3. 开展分类分级分层培训").And.Contain("完成时限：2026-06-30");
        (await InstancesOfAsync(h, "task-decomposition")).Should().BeEmpty("the minutes await approval");

        (await RejectedAsync(() => h.CompleteAsync(approval, "return", "{}"))).Fields().Should().Equal("data.returnReasons");
        await h.CompleteAsync(approval, "return", """{"returnReasons": "责任单位不全，请补充自然资源局。"}""");

        (await InstancesOfAsync(h, "task-decomposition")).Should().BeEmpty("returned minutes dispatch nothing");
        var redraft = await h.TaskAsync(id, "minutesDraft");
        redraft.Description!.Zh.Should().Contain("责任单位不全，请补充自然资源局。");
    }

    [Fact]
    public async Task Approved_minutes_dispatch_exactly_the_tasks_of_the_approved_version()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);
        await DraftMinutesAsync(h, id, TrainingTask);
        await h.CompleteAsync(id, "minutesApproval", "return", """{"returnReasons": "补充年度报告任务。"}""");
        await DraftMinutesAsync(h, id, TrainingTask, AnnualReportTask);

        (await h.TaskAsync(id, "minutesApproval")).Description!.Zh.Should().Contain("任务分解（2 项）").And.Contain("每年01-15前");
        var done = await h.CompleteAsync(id, "minutesApproval", "approve", """{"approvalOpinion": "同意。"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.StateAsync(id)).Result().Should().Be("consensus");
        var child = (await InstancesOfAsync(h, "task-decomposition")).Should().ContainSingle().Subject;
        child.CorrelationKey.Should().Be("HS-2026-001", "the task decomposition carries the consultation's number");
        var tasks = (await h.StateAsync(child.InstanceId)).Input["tasks"]!.AsArray();
        tasks.Select(t => t!["seq"]!.GetValue<int>()).Should().Equal(3, 28);
        tasks[0]!["responsibleUnits"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal(MarketRegulation, ComprehensiveEnforcement);
        var reports = (await h.OpenTasksAsync(child.InstanceId)).Where(t => t.ActivityId == "completionReport").ToList();
        reports.Select(t => t.AssigneeAgency).Should().BeEquivalentTo(MarketRegulation, ComprehensiveEnforcement, CoordinationOffice);
    }

    [Fact]
    public async Task Approved_minutes_without_tasks_close_the_consultation_without_dispatching_anything()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);
        await DraftMinutesAsync(h, id);

        await h.CompleteAsync(id, "minutesApproval", "approve");

        (await h.StateAsync(id)).Result().Should().Be("consensus");
        (await InstancesOfAsync(h, "task-decomposition")).Should().BeEmpty();
    }

    [Fact]
    public async Task Minutes_not_approved_in_time_turn_red_for_the_office_leader()
    {
        var h = await DomainHarness.CreateAsync();
        var id = await ToConsensusAsync(h);
        await DraftMinutesAsync(h, id, TrainingTask);

        await h.AdvanceAsync(TimeSpan.FromDays(8));

        (await h.AlertsAsync(id)).Should().ContainSingle().Which.Recipients().Should().Equal((CoordinationOffice, Roles.Leader));
        (await InstancesOfAsync(h, "task-decomposition")).Should().BeEmpty("an overdue approval approves nothing");
    }
}
