using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Consultation.ConsultationDriver;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>任务分解 (S000 annex 2): one tracked item per task, a completion report per responsible unit, red when overdue.</summary>
public sealed class TaskDecompositionTests
{
    private static string Tasks(params string[] tasks) => $$"""{"tasks": [{{string.Join(",", tasks)}}]}""";

    private static async Task SetClockAsync(DomainHarness h, DateTimeOffset to)
    {
        h.Clock.Set(to);
        await h.Runtime.FireDueTimersAsync();
    }

    [Fact]
    public async Task Each_responsible_unit_of_each_task_reports_its_completion()
    {
        var h = await DomainHarness.CreateAsync();

        var started = await h.StartAsync("task-decomposition", Tasks(TrainingTask,
            """{"seq": 10, "task": "行政执法三项制度自查评估", "measures": "6月底前自查并形成整改报告。", "responsibleUnits": ["yjgl"], "due": "2026-06-30"}"""));

        var reports = (await h.OpenTasksAsync(started.InstanceId)).ToList();
        reports.Should().OnlyContain(t => t.ActivityId == "completionReport" && t.AssigneeRole == Roles.Contact);
        reports.Select(t => t.AssigneeAgency).Should().BeEquivalentTo(MarketRegulation, ComprehensiveEnforcement, Emergency);
        var training = reports.First(t => t.AssigneeAgency == MarketRegulation);
        training.Title.Zh.Should().Be("报送任务完成情况：第3项 开展分类分级分层培训");
        training.Description!.Zh.Should().Contain("完成时限：2026-06-30").And.Contain("2026年6月底前完成全员轮训");
        (await RejectedAsync(() => h.CompleteAsync(training, "report", "{}"))).Fields().Should().Equal("data.completion");
    }

    [Fact]
    public async Task Reports_in_time_complete_the_decomposition_without_any_alert()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync("task-decomposition", Tasks(TrainingTask));

        await h.CompleteAsync(started.InstanceId, "completionReport", "report", """{"completion": "已完成全员轮训。"}""", MarketRegulation);
        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended, "综合执法局 has not reported yet");
        var done = await h.CompleteAsync(started.InstanceId, "completionReport", "report", """{"completion": "已完成。"}""", ComprehensiveEnforcement);

        done.Status.Should().Be(WorkflowStatus.Completed, "a report in time ends the item at once, the deadline watch is dropped");
        (await h.StateAsync(started.InstanceId)).Result().Should().Be("allTasksReported");
        await SetClockAsync(h, new DateTimeOffset(2026, 7, 2, 0, 0, 0, Beijing));
        (await h.AlertsAsync(started.InstanceId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Scenario_6_an_overdue_task_turns_red_for_the_assessment_and_stays_open_until_reported()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync("task-decomposition", Tasks(TrainingTask));
        await h.CompleteAsync(started.InstanceId, "completionReport", "report", """{"completion": "已完成全员轮训。"}""", MarketRegulation);

        await SetClockAsync(h, new DateTimeOffset(2026, 6, 30, 23, 59, 0, Beijing));
        (await h.AlertsAsync(started.InstanceId)).Should().BeEmpty("“2026年6月底前” lasts until 24:00 on 30 June");
        await SetClockAsync(h, new DateTimeOffset(2026, 7, 1, 0, 0, 0, Beijing));

        var alert = (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle().Subject;
        alert.Level().Should().Be("red");
        alert.Recipients().Should().BeEquivalentTo(new[] { (CoordinationOffice, Roles.Coordinator), (CoordinationOffice, Roles.Leader), (ComprehensiveEnforcement, Roles.Leader) },
            "the office and the responsible unit that missed the date are told");
        alert["message"]!.GetValue<string>().Should()
            .Contain("第3项“开展分类分级分层培训”").And.Contain("2026-06-30").And.Contain("责任单位 zhzf").And.Contain("纳入年度考核");
        alert["legalBasis"]!.GetValue<string>().Should().Contain("任务分解表");
        var open = await h.TaskAsync(started.InstanceId, "completionReport", ComprehensiveEnforcement);
        open.Status.Should().Be(HumanTaskStatus.Open, "overdue closes nothing");

        var done = await h.CompleteAsync(open, "report", """{"completion": "7月3日补报：已完成轮训。"}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle("only the unit that missed the date is red");
    }

    [Fact]
    public async Task A_yearly_task_recurs_each_year_before_its_date_and_turns_red_when_a_year_is_missed()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync("task-decomposition", $$"""{"tasks": [{{AnnualReportTask}}], "endYear": 2028}""");

        var first = await h.TaskAsync(started.InstanceId, "completionReport", CoordinationOffice);
        first.Description!.Zh.Should().Contain("完成时限：每年01-15前");
        await h.CompleteAsync(first, "report", """{"completion": "2026年度报告已报送。"}""");

        (await h.OpenTasksAsync(started.InstanceId)).Should().BeEmpty("the next cycle starts after 15 January 2027");
        await SetClockAsync(h, new DateTimeOffset(2027, 1, 15, 23, 0, 0, Beijing));
        (await h.OpenTasksAsync(started.InstanceId)).Should().BeEmpty();
        await SetClockAsync(h, new DateTimeOffset(2027, 1, 16, 0, 0, 0, Beijing));

        var second = await h.TaskAsync(started.InstanceId, "completionReport", CoordinationOffice);
        (await h.AlertsAsync(started.InstanceId)).Should().BeEmpty("the first year was reported in time");

        await SetClockAsync(h, new DateTimeOffset(2028, 1, 16, 0, 0, 0, Beijing));
        var alert = (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle().Subject;
        alert["message"]!.GetValue<string>().Should().Contain("每年01-15前").And.Contain("责任单位 sfj");
        (await h.Instances.GetTaskAsync(second.Id))!.Status.Should().Be(HumanTaskStatus.Open);

        var done = await h.CompleteAsync(second, "report", """{"completion": "补报。"}""");
        done.Status.Should().Be(WorkflowStatus.Completed, "2028 is the last year to report");
    }

    [Fact]
    public async Task A_late_yearly_report_starts_the_next_year_at_once()
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync("task-decomposition", $$"""{"tasks": [{{AnnualReportTask}}], "endYear": 2029}""");

        await SetClockAsync(h, new DateTimeOffset(2027, 1, 16, 0, 0, 0, Beijing));
        (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle();
        await SetClockAsync(h, new DateTimeOffset(2027, 2, 1, 9, 0, 0, Beijing));
        await h.CompleteAsync(started.InstanceId, "completionReport", "report", """{"completion": "补报2026年度。"}""", CoordinationOffice);

        var next = await h.TaskAsync(started.InstanceId, "completionReport", CoordinationOffice);
        next.CreatedAt.Should().Be(new DateTimeOffset(2027, 2, 1, 9, 0, 0, Beijing));
        await SetClockAsync(h, new DateTimeOffset(2028, 1, 15, 23, 0, 0, Beijing));
        (await h.AlertsAsync(started.InstanceId)).Should().ContainSingle("the 2028 report is not due before 24:00 on 15 January 2028");
    }

    [Fact]
    public async Task A_task_list_with_a_task_lacking_units_measures_or_a_due_date_dispatches_nothing()
    {
        var h = await DomainHarness.CreateAsync();

        var started = await h.StartAsync("task-decomposition", Tasks(TrainingTask,
            """{"seq": 4, "task": "加强乡镇执法人员培训", "measures": "制定年度培训计划。", "responsibleUnits": ["scjg"]}"""));

        started.Status.Should().Be(WorkflowStatus.Faulted);
        started.Incident!.ActivityId.Should().Be("incomplete");
        started.Incident.Message.Should().Contain("任务分解表不完整");
        (await h.OpenTasksAsync(started.InstanceId)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_start_without_a_task_list_is_refused()
    {
        var h = await DomainHarness.CreateAsync();

        var ex = await RejectedAsync(() => h.StartAsync("task-decomposition", "{}"));

        ex.Fields().Should().Equal("input.tasks");
    }
}
