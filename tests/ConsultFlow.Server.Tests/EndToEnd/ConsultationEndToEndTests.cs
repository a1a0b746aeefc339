using System.Net;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>
/// 会商 over real HTTP: the 市场监管局 (scjg) contact asks, the coordinator of the office (司法局 sfj) accepts and
/// sends the notice, the 综合执法局, 应急管理局 and 生态环境分局 give their opinions, the office records the consensus,
/// the requester drafts the minutes with their tasks, the office approves them, and the tasks go out as a
/// task-decomposition case whose responsible units find their report tasks in their inboxes.
/// </summary>
public abstract class ConsultationEndToEndTests(LoopbackServer server)
{
    private const string Category = "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题";

    [Fact]
    public async Task A_consultation_runs_from_request_to_dispatched_tasks()
    {
        using var requester = await server.SignInAsync("scjg-contact");
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        using var enforcement = await server.SignInAsync("zhzf-contact");
        using var emergency = await server.SignInAsync("yjgl-contact");
        using var environment = await server.SignInAsync("sthj-contact");
        using var outsider = await server.SignInAsync("zrzy-contact");

        var id = await StartAsync(requester, "consultation", new JsonObject
        {
            ["requestingAgency"] = "scjg",
            ["subject"] = $"占道经营执法衔接 {Guid.NewGuid():N}"[..20],
            ["responsibleLeader"] = "王局长",
            ["contact"] = "李明 13800000000",
            ["category"] = Category,
            ["background"] = "城区占道经营投诉增多，市场监管与综合执法职责交叉。",
            ["mainContent"] = "明确占道经营中无照经营与占道行为的查处分工。",
            ["disputedPoints"] = "流动摊贩无照经营由谁查处",
            ["suggestedParticipants"] = new JsonArray("zhzf", "yjgl", "sthj"),
            ["urgent"] = false,
        });

        // A participant is not party before the office has named it.
        (await enforcement.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await InstanceIdsAsync(coordinator, "&definitionId=consultation")).Should().Contain(id, "the office sees every consultation");

        await CompleteAsync(coordinator, id, "review", "accept", new JsonObject
        {
            ["category"] = Category,
            ["participants"] = new JsonArray("zhzf", "yjgl", "sthj"),
            ["format"] = "座谈会",
        });
        await CompleteAsync(coordinator, id, "convene", "notify", new JsonObject
        {
            ["meetingDate"] = "2026-03-09T09:30:00+08:00",
            ["place"] = "区司法局三楼会议室",
            ["convener"] = "受委托的副组长（区司法局主要负责人）",
            ["meetingType"] = "不定期",
        });

        var enforcementOpinion = await CompleteAsync(enforcement, id, "opinion", "agree", new JsonObject { ["opinion"] = "同意分工。" });
        var emergencyOpinion = await CompleteAsync(emergency, id, "opinion", "agree");
        var environmentOpinion = await CompleteAsync(environment, id, "opinion", "disagree",
            new JsonObject { ["opinion"] = "涉及油烟污染的，应由生态环境分局一并参与。" });
        (await InstanceIdsAsync(environment)).Should().Contain(id, "a participant is party once its opinion is asked");

        await CompleteAsync(coordinator, id, "recordOutcome", "consensus", new JsonObject
        {
            ["summary"] = "提请单位介绍背景，各方充分交换意见。",
            ["consensusText"] = "无照经营由市场监管局查处，占道行为由综合执法局查处。",
        });
        await CompleteAsync(requester, id, "minutesDraft", "submit", new JsonObject { ["minutes"] = "会商记录：……" });
        await CompleteAsync(requester, id, "taskEntry", "addDated", new JsonObject
        {
            ["seq"] = 1,
            ["task"] = "联合整治占道经营",
            ["measures"] = "市场监管局查处无照经营，综合执法局查处占道行为，每月通报一次。",
            ["responsibleUnits"] = new JsonArray("scjg", "zhzf"),
            ["due"] = "2026-06-30",
        });
        await CompleteAsync(requester, id, "taskEntry", "finish");
        await CompleteAsync(coordinator, id, "minutesApproval", "approve", new JsonObject { ["approvalOpinion"] = "同意印发。" });

        var consultation = await EventuallyAsync(async () =>
            await InstanceAsync(requester, id) is var state && state["status"]!.GetValue<string>() == "completed" ? state : null, "the consultation to complete");
        consultation["output"]!["result"]!.GetValue<string>().Should().Be("consensus");

        var journal = await JournalAsync(requester, id);
        journal.Single(e => e["kind"]!.GetValue<string>() == "instanceStarted")["actor"]!["userId"]!.GetValue<string>().Should().Be(requester.Id);
        journal.ShouldRecordCompletion("review", coordinator, "coordinator");
        journal.ShouldRecordCompletion("convene", coordinator, "coordinator");
        journal.ShouldRecordCompletion("opinion", enforcement, "contact");
        journal.ShouldRecordCompletion("opinion", emergency, "contact");
        journal.ShouldRecordCompletion("opinion", environment, "contact");
        journal.ShouldRecordCompletion("recordOutcome", coordinator, "coordinator");
        journal.ShouldRecordCompletion("minutesDraft", requester, "contact");
        journal.ShouldRecordCompletion("taskEntry", requester, "contact");
        journal.ShouldRecordCompletion("minutesApproval", coordinator, "coordinator");

        // The dispatched tasks: a task-decomposition case, started detached (the consultation does not wait for it),
        // listed for the office, holding the task of the minutes and a report task for each responsible unit.
        var decompositionId = Guid.Parse(consultation["outputs"]!["dispatchTasks"]!["childInstanceId"]!.GetValue<string>());
        (await InstanceIdsAsync(coordinator, "&definitionId=task-decomposition")).Should().Contain(decompositionId);
        var decomposition = await EventuallyAsync(async () =>
            await InstanceAsync(coordinator, decompositionId) is var state && state["status"]!.GetValue<string>() == "suspended" ? state : null,
            "the task-decomposition case to wait for the reports");
        decomposition["definitionId"]!.GetValue<string>().Should().Be("task-decomposition");
        decomposition["input"]!["tasks"]!.AsArray().Select(t => t!["task"]!.GetValue<string>()).Should().Equal("联合整治占道经营");
        (await InboxTaskAsync(requester, decompositionId, "completionReport"))["assigneeRole"]!.GetValue<string>().Should().Be("contact");
        (await InboxTaskAsync(enforcement, decompositionId, "completionReport"))["assigneeRole"]!.GetValue<string>().Should().Be("contact");
        (await InstanceAsync(enforcement, decompositionId))["definitionId"]!.GetValue<string>().Should().Be("task-decomposition");

        // 应急管理局 gave an opinion but holds no task: it sees the consultation, not the decomposition.
        (await InstanceAsync(emergency, id))["status"]!.GetValue<string>().Should().Be("completed");
        (await emergency.GetAsync($"/api/instances/{decompositionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var taskIds = (await TasksAsync(coordinator, $"&instanceId={id}")).Select(t => Guid.Parse(t["id"]!.GetValue<string>())).ToList();
        taskIds.Should().Contain([enforcementOpinion, emergencyOpinion, environmentOpinion]);
        await outsider.ShouldSeeNothingOfAsync(id, taskIds, "consultation");
        await outsider.ShouldSeeNothingOfAsync(decompositionId, [], "task-decomposition");
        (await TasksAsync(outsider)).Should().BeEmpty("the 自然资源局 was not asked");
    }
}
