using System.Text.Json.Nodes;
using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Infrastructure.Agencies;

namespace ConsultFlow.Workflows.Tests.Consultation;

/// <summary>Drives a consultation (会商) the way the agencies would: request, review, notice, opinions, outcome.</summary>
internal static class ConsultationDriver
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Monday 2026-03-02 09:00 + N working days (March 2026 has no holidays) ends at 24:00 of the last day.</summary>
    public static DateTimeOffset EndOfDay(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, Beijing).AddDays(1);

    public static string Request(bool urgent = false, string? urgencyReason = null, string? linkedTo = null) =>
        new JsonObject
        {
            ["requestingAgency"] = MarketRegulation,
            ["subject"] = "占道经营执法衔接",
            ["responsibleLeader"] = "王局长",
            ["contact"] = "李明 13800000000",
            ["category"] = "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题",
            ["background"] = "城区占道经营投诉增多，市场监管与综合执法职责交叉。",
            ["mainContent"] = "明确占道经营中无照经营与占道行为的查处分工。",
            ["disputedPoints"] = "流动摊贩无照经营由谁查处",
            ["suggestedParticipants"] = new JsonArray(ComprehensiveEnforcement, NaturalResources),
            ["urgent"] = urgent,
            ["urgencyReason"] = urgencyReason,
            ["attachments"] = new JsonArray("att-001"),
            ["linkedTo"] = linkedTo,
        }.ToJsonString();

    public static Task<InstanceResult> StartAsync(DomainHarness h, bool urgent = false, string? urgencyReason = null, string caseKey = "HS-2026-001") =>
        h.StartAsync("consultation", Request(urgent, urgencyReason), caseKey);

    public static Task<InstanceResult> AcceptAsync(DomainHarness h, Guid id, params string[] participants) =>
        h.CompleteAsync(id, "review", "accept", new JsonObject
        {
            ["category"] = "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题",
            ["participants"] = new JsonArray(participants.Select(p => (JsonNode)p).ToArray()),
            ["format"] = "座谈会",
        }.ToJsonString());

    public static Task<InstanceResult> ConveneAsync(DomainHarness h, Guid id) =>
        h.CompleteAsync(id, "convene", "notify",
            """{"meetingDate": "2026-03-09T09:30:00+08:00", "place": "区司法局三楼会议室", "convener": "受委托的副组长（区司法局主要负责人）", "meetingType": "不定期"}""");

    /// <summary>Request accepted with the given participants, notice sent, every participant answered as given.</summary>
    public static async Task<Guid> ToMeetingOutcomeAsync(DomainHarness h, bool urgent = false, string? urgencyReason = null,
        string caseKey = "HS-2026-001", params (string Agency, string Outcome)[] opinions)
    {
        var started = await StartAsync(h, urgent, urgencyReason, caseKey);
        await AcceptAsync(h, started.InstanceId, opinions.Select(o => o.Agency).ToArray());
        await ConveneAsync(h, started.InstanceId);
        foreach (var (agency, outcome) in opinions)
            await h.CompleteAsync(started.InstanceId, "opinion", outcome,
                outcome == "disagree" ? """{"opinion": "应由综合执法局查处。"}""" : null, agency);
        return started.InstanceId;
    }

    public static Task<Guid> ToDisagreementAsync(DomainHarness h, bool urgent = false, string? urgencyReason = null, string caseKey = "HS-2026-001") =>
        ToMeetingOutcomeAsync(h, urgent, urgencyReason, caseKey,
            (ComprehensiveEnforcement, "disagree"), (NaturalResources, "agree"), (Emergency, "disagree"));

    public static Task<InstanceResult> RecordAsync(DomainHarness h, Guid id, string outcome, string activity = "recordOutcome") =>
        h.CompleteAsync(id, activity, outcome, outcome switch
        {
            "consensus" => """{"summary": "提请单位介绍背景，各方充分交换意见。", "consensusText": "无照经营由市场监管局查处，占道行为由综合执法局查处。"}""",
            _ => """{"summary": "提请单位介绍背景，各方充分交换意见。", "disagreements": "综合执法局、应急管理局认为应由市场监管局一并查处。"}""",
        });

    /// <summary>From consensus: the minutes drafted and the given tasks listed, ready for approval.</summary>
    public static async Task DraftMinutesAsync(DomainHarness h, Guid id, params string[] tasks)
    {
        await h.CompleteAsync(id, "minutesDraft", "submit", """{"minutes": "会商记录：……"}""");
        foreach (var task in tasks)
            await h.CompleteAsync(id, "taskEntry", JsonNode.Parse(task)!["yearlyDue"] is null ? "addDated" : "addYearly", task);
        await h.CompleteAsync(id, "taskEntry", "finish");
    }

    public const string TrainingTask =
        """{"seq": 3, "task": "开展分类分级分层培训", "measures": "2026年6月底前完成全员轮训，报送轮训情况。", "responsibleUnits": ["scjg", "zhzf"], "due": "2026-06-30"}""";

    public const string AnnualReportTask =
        """{"seq": 28, "task": "建立行政执法工作年度报告制度", "measures": "每年1月15日前报送上一年度行政执法工作情况。", "responsibleUnits": ["sfj"], "yearlyDue": "01-15"}""";

    public static async Task<IReadOnlyList<InstanceSummary>> InstancesOfAsync(DomainHarness h, string definitionId) =>
        await h.Instances.ListInstancesAsync(new InstanceQuery { DefinitionId = definitionId });

    public static async Task<EngineException> RejectedAsync(Func<Task> act) =>
        (await act.Should().ThrowAsync<EngineException>()).Which;

    public static IEnumerable<string> Fields(this EngineException ex) => ex.Errors.Select(e => e.Field);

    public static IEnumerable<string> OutcomeNames(this HumanTask task) => task.Outcomes.Select(o => o.Name);

    public static IEnumerable<(string Agency, string Role)> Recipients(this JsonObject alert) =>
        alert["notify"]!.AsArray().Select(r => (r!["agency"]!.GetValue<string>(), r["role"]!.GetValue<string>()));

    public static string Level(this JsonObject alert) => alert["level"]!.GetValue<string>();

    public static string? Result(this WorkflowState state) => state.Output?["result"]?.GetValue<string>();

    public static AlertRecipient Office(string role) => new(CoordinationOffice, role);
}
