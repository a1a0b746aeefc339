using System.Text.Json.Nodes;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Workflows.Tests.Infrastructure;

namespace ConsultFlow.Workflows.Tests.Referral;

/// <summary>Drives one criminal referral (两法衔接) through the engine step by step, as the agencies would.</summary>
internal sealed class ReferralDriver
{
    public const string DefinitionId = "criminal-referral";
    public const string Agency = Agencies.MarketRegulation;
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private ReferralDriver(DomainHarness harness, Guid instanceId)
    {
        Harness = harness;
        InstanceId = instanceId;
    }

    public DomainHarness Harness { get; }
    public Guid InstanceId { get; }

    public static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, Beijing);

    public static string Input(bool penaltyAlreadyImposed = false) => $$"""
        {
          "agency": "{{Agency}}",
          "caseNo": "市监刑移〔2026〕1号",
          "caseName": "某公司销售伪劣产品案",
          "suspect": "某食品有限公司",
          "suspectedCrime": "生产、销售伪劣产品罪",
          "thresholdFacts": "销售金额52万元，超过5万元追诉标准",
          "evidenceSummary": "现场检查笔录、销售台账、询问笔录",
          "itemList": "伪劣食品1200箱",
          "testingReport": "检验报告〔2026〕18号",
          "penaltyAlreadyImposed": {{(penaltyAlreadyImposed ? "true" : "false")}}
        }
        """;

    public static async Task<ReferralDriver> StartAsync(string profile = "default", bool penaltyAlreadyImposed = false)
    {
        var harness = await DomainHarness.CreateAsync(profile);
        var started = await harness.StartAsync(DefinitionId, Input(penaltyAlreadyImposed), "市监刑移〔2026〕1号");
        return new ReferralDriver(harness, started.InstanceId);
    }

    public Task<HumanTask> TaskAsync(string activityId, string? agency = null) => Harness.TaskAsync(InstanceId, activityId, agency);

    public Task CompleteAsync(string activityId, string outcome, string? dataJson = null, string? agency = null) =>
        Harness.CompleteAsync(InstanceId, activityId, outcome, dataJson, agency);

    public async Task<IReadOnlyList<string>> OpenActivitiesAsync() =>
        (await Harness.OpenTasksAsync(InstanceId)).Select(t => t.ActivityId).ToList();

    public Task<IReadOnlyList<JsonObject>> AlertsAsync() => Harness.AlertsAsync(InstanceId);

    public async Task<ConsultFlow.Engine.State.WorkflowState> StateAsync() => await Harness.StateAsync(InstanceId);

    /// <summary>Moves the clock to a moment (only forwards) and fires the timers that fell due.</summary>
    public async Task AdvanceToAsync(DateTimeOffset moment)
    {
        var by = moment - Harness.Clock.GetUtcNow();
        by.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero, "the clock only moves forwards");
        await Harness.AdvanceAsync(by);
    }

    /// <summary>Recipients of an alert as "agency/role".</summary>
    public static IReadOnlyList<string> Recipients(JsonObject alert) =>
        alert["notify"]!.AsArray().Select(r => $"{r!["agency"]!.GetValue<string>()}/{r["role"]!.GetValue<string>()}").ToList();

    // ---- Steps ---------------------------------------------------------------------------------------

    public async Task AppointTeamAndReportAsync()
    {
        await CompleteAsync("appointTeam", "appointed", """{"teamMembers": "张三、李四", "certificateNos": "A001、A002"}""");
        await CompleteAsync("teamReport", "submitted", """{"verification": "经核实，销售金额52万元", "report": "att-report"}""");
    }

    public const string TransferDocuments = """
        {"transferLetter": "att-letter", "investigationReport": "att-investigation", "itemList": "att-items",
         "testingReport": "att-testing", "otherMaterials": ["att-other"]}
        """;

    /// <summary>Team, report, head approval and transfer: the police receipt task is open.</summary>
    public async Task ToReceiptAsync()
    {
        await AppointTeamAndReportAsync();
        await CompleteAsync("headDecision", "approve", """{"opinion": "同意移送"}""");
        await CompleteAsync("transfer", "transferred", TransferDocuments);
    }

    public async Task AcceptAsync(string? police = null) =>
        await CompleteAsync("receipt", "accept", """{"receiptForm": "att-receipt"}""", police);

    /// <summary>Up to the police review decision (accepted by the same-level police).</summary>
    public async Task ToPoliceReviewAsync()
    {
        await ToReceiptAsync();
        await AcceptAsync();
    }

    public const string NotFiled = """
        {"notFiledReasons": "情节显著轻微，不需要追究刑事责任", "notFiledNotice": "att-not-filed", "returnedMaterials": "全部案件材料"}
        """;

    /// <summary>Police decided not to file: the agency's response (复议 / 监督 / accept) is open.</summary>
    public async Task ToNotFiledAsync()
    {
        await ToPoliceReviewAsync();
        await CompleteAsync("policeReview", "notFile", NotFiled);
    }

    /// <summary>Not filed, reconsideration upheld, supervision suggested, police asked to explain.</summary>
    public async Task ToPoliceExplanationAfterReconsiderationAsync()
    {
        await ToNotFiledAsync();
        await CompleteAsync("notFiledResponse", "requestReconsideration", """{"reconsiderationRequest": "att-reconsider"}""");
        await CompleteAsync("reconsiderationDecision", "uphold", """{"reasons": "维持原决定", "reconsiderationDecision": "att-upheld"}""");
        await CompleteAsync("afterReconsideration", "suggestSupervision", """{"supervisionSuggestion": "att-suggestion"}""");
        await CompleteAsync("supervisionReview", "requireExplanation", """{"explanationRequest": "att-request"}""");
    }

    public async Task RegisterProcuratorateCopyAsync() =>
        await CompleteAsync("procuratorateCopy", "registered", """{"registrationNote": "已登记"}""");

    public async Task HandOverAsync() =>
        await CompleteAsync("handover", "handedOver", """{"itemList": "att-items", "handoverRecord": "att-handover"}""");
}
