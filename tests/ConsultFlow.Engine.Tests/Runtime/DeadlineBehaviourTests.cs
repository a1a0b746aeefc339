using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>Due times from profile rules, overdue alerts that decide nothing, traffic lights, dated and yearly timers.</summary>
public sealed class DeadlineBehaviourTests
{
    private static readonly DeploymentProfile Profile = new()
    {
        Name = "test",
        Deadlines = new Dictionary<string, DeadlineRule>
        {
            ["referral.headDecision"] = new(3, PeriodUnit.CalendarDays, "国务院令第310号 第五条"),
        },
    };

    private const string HeadDecision = """
        {
          "id": "head", "name": "负责人审批",
          "flowchart": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "decide", "type": "HumanTask", "inputs": {
                  "title": "审批移送", "assigneeAgency": "scjg", "assigneeRole": "leader",
                  "outcomes": [{ "name": "approve", "label": "批准移送" }, { "name": "refuse", "label": "不批准" }],
                  "due": { "rule": "referral.headDecision" },
                  "overdueAlert": { "notify": [{ "agency": "scjg", "role": "leader" }, { "agency": "scjg", "role": "legal" }], "message": "负责人逾期未作出移送决定" } } },
              { "id": "approved", "type": "End", "inputs": { "output": "approved" } },
              { "id": "refused", "type": "End", "inputs": { "output": "refused" } }
            ],
            "connections": [
              { "source": "start", "outcome": "Done", "target": "decide" },
              { "source": "decide", "outcome": "approve", "target": "approved" },
              { "source": "decide", "outcome": "refuse", "target": "refused" }
            ]
          }
        }
        """;

    [Fact]
    public async Task An_overdue_task_raises_a_red_alert_to_the_named_roles_and_keeps_waiting()
    {
        var h = new EngineHarness(profile: Profile);
        await h.PublishAsync(HeadDecision);
        var started = await h.StartAsync("head");
        var task = await h.OpenTaskAsync(started.InstanceId, "decide");
        // Monday 2 March 09:00 + 3 calendar days: 24:00 on Thursday 5 March.
        task.DueAt.Should().Be(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)));
        task.LegalBasis.Should().Be("国务院令第310号 第五条");
        task.CalendarVersion.Should().Be("cn-2026@2025-11-04");
        task.DueEstimated.Should().BeFalse();

        h.Clock.Set(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)));
        (await h.Runtime.FireDueTimersAsync()).Should().Be(1);

        var journal = await h.JournalAsync(started.InstanceId);
        var alert = journal.Single(e => e.Kind == JournalKind.AlertRaised);
        alert.Data!["level"]!.GetValue<string>().Should().Be("red");
        alert.Data["notify"]!.AsArray().Select(r => r!["role"]!.GetValue<string>()).Should().Equal("leader", "legal");
        alert.Data["taskId"]!.GetValue<string>().Should().Be(task.Id.ToString());
        alert.Data["legalBasis"]!.GetValue<string>().Should().Be("国务院令第310号 第五条");
        (await h.StateAsync(started.InstanceId)).Status.Should().Be(WorkflowStatus.Suspended);
        (await h.Instances.GetTaskAsync(task.Id))!.Status.Should().Be(HumanTaskStatus.Open, "overdue never approves anything");

        var done = await h.CompleteAsync(task, "approve");
        done.Output!.GetValue<string>().Should().Be("approved");
    }

    [Fact]
    public async Task A_task_done_in_time_never_alerts()
    {
        var h = new EngineHarness(profile: Profile);
        await h.PublishAsync(HeadDecision);
        var started = await h.StartAsync("head");
        await h.CompleteAsync(await h.OpenTaskAsync(started.InstanceId, "decide"), "refuse");

        h.Clock.Advance(TimeSpan.FromDays(30));
        (await h.Runtime.FireDueTimersAsync()).Should().Be(0);
        (await h.JournalAsync(started.InstanceId)).Should().NotContain(e => e.Kind == JournalKind.AlertRaised);
        (await h.StateAsync(started.InstanceId)).Bookmarks.Should().BeEmpty();
    }

    [Fact]
    public async Task Tasks_turn_yellow_then_red_as_their_period_runs_out()
    {
        var h = new EngineHarness(profile: Profile);
        await h.PublishAsync(HeadDecision);
        var started = await h.StartAsync("head");
        var task = await h.OpenTaskAsync(started.InstanceId, "decide");
        var start = EngineHarness.DefaultStart; // period: Monday 09:00 to Friday 00:00, 87 hours

        task.TrafficLightAt(start.AddHours(1), 0.25).Should().Be(TrafficLight.Green);
        task.TrafficLightAt(start.AddHours(70), 0.25).Should().Be(TrafficLight.Yellow);
        task.TrafficLightAt(start.AddHours(87), 0.25).Should().Be(TrafficLight.Red);
        (task with { Status = HumanTaskStatus.Completed }).TrafficLightAt(start.AddHours(90), 0.25).Should().BeNull();
    }

    [Fact]
    public async Task A_missing_rule_faults_the_instance_naming_it()
    {
        var h = new EngineHarness();
        await h.PublishAsync(HeadDecision);

        var result = await h.StartAsync("head");

        result.Status.Should().Be(WorkflowStatus.Faulted);
        result.Incident!.Message.Should().Contain("referral.headDecision");
    }

    [Theory]
    [InlineData("""{ "at": "2026-06-30" }""", "2026-07-01T00:00:00+08:00")]
    [InlineData("""{ "yearlyOn": "01-15" }""", "2027-01-16T00:00:00+08:00")]
    [InlineData("""{ "yearlyOn": "03-05" }""", "2026-03-06T00:00:00+08:00")]
    public async Task Timers_wait_until_a_date_or_a_yearly_day_is_over(string inputs, string expectedDue)
    {
        var h = new EngineHarness();
        await h.PublishAsync($$"""
            {
              "id": "dated", "name": "定期",
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "wait", "type": "Timer", "inputs": {{inputs}} },
                  { "id": "end", "type": "End" }
                ],
                "connections": [
                  { "source": "start", "outcome": "Done", "target": "wait" },
                  { "source": "wait", "outcome": "Done", "target": "end" }
                ]
              }
            }
            """);

        var started = await h.StartAsync("dated");

        (await h.StateAsync(started.InstanceId)).Bookmarks.Single().DueAt.Should().Be(DateTimeOffset.Parse(expectedDue));
    }

    [Fact]
    public async Task Expressions_inside_literal_inputs_are_evaluated_so_alerts_reach_the_agency_of_the_case()
    {
        var h = new EngineHarness();
        await h.PublishAsync("""
            {
              "id": "nested-alert", "name": "嵌套表达式",
              "inputs": [{ "name": "agency", "type": "agency", "required": true }],
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "alert", "type": "RaiseAlert", "inputs": {
                      "notify": [{ "agency": { "$expr": { "var": "input.agency" } }, "role": "leader" }, { "agency": "sfj", "role": "coordinator" }],
                      "message": "逾期" } },
                  { "id": "end", "type": "End" }
                ],
                "connections": [
                  { "source": "start", "outcome": "Done", "target": "alert" },
                  { "source": "alert", "outcome": "Done", "target": "end" }
                ]
              }
            }
            """);

        var done = await h.StartAsync("nested-alert", """{ "agency": "zrzy" }""");

        var alert = (await h.JournalAsync(done.InstanceId)).Single(e => e.Kind == JournalKind.AlertRaised);
        alert.Data!["notify"]!.AsArray().Select(r => r!["agency"]!.GetValue<string>()).Should().Equal("zrzy", "sfj");
    }

    [Fact]
    public void A_broken_expression_nested_in_a_literal_is_a_validation_error()
    {
        var h = new EngineHarness();
        var errors = h.Definitions.Validate(ConsultFlow.Engine.Definitions.WorkflowJson.ParseDefinition("""
            {
              "id": "nested-bad", "name": "嵌套错误",
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start" },
                  { "id": "alert", "type": "RaiseAlert", "inputs": { "notify": [{ "agency": { "$expr": { "nosuchop": [] } }, "role": "leader" }], "message": "x" } }
                ],
                "connections": [{ "source": "start", "outcome": "Done", "target": "alert" }]
              }
            }
            """));

        errors.Should().ContainSingle(e => e.Code == "bad-expression" && e.Path == "flowchart.activities[1].inputs.notify");
    }
}
