using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// 会商纪要: the meeting (time, place, convener, format, participants), the matter, each participant's opinion (silence
/// is 未反馈, not agreement), the discussion, the outcome, the minutes the requester drafted and the task decomposition
/// (大武口区协调会商制度第四条至第十条及附件2). Until the office approves the minutes it is marked as a draft.
/// </summary>
public static class ConsultationMinutesTemplate
{
    private static readonly string[] OutcomeSteps = ["recordOutcome", "recordOutcomeUrgent"];

    public static DocumentTemplate Template { get; } = new("minutes", "consultation", "会商纪要", "Consultation minutes",
        Unavailable, Write, f => $"会商纪要-{Short(f.Input("subject") ?? f.Input("mainContent") ?? "会商")}");

    private static string? Unavailable(CaseFacts f) =>
        f.CompletedAny(OutcomeSteps) is null ? "会商结果记录后方可生成会商纪要。(Available once the outcome of the meeting is recorded.)" : null;

    private static DocxWriter Write(CaseFacts f)
    {
        var office = f.AgencyName(f.Profile.Agencies.CoordinationOffice);
        var review = f.Completed("review", "accept");
        var revise = f.Completed("revise", "resubmit");
        var convene = f.Completed("convene");
        var outcome = f.CompletedAny(OutcomeSteps);
        var urgent = f.Completed("urgentDecision");
        var draft = f.Completed("minutesDraft");
        var approval = f.Completed("minutesApproval", "approve");
        string Requested(string key) => CaseFacts.Data(revise, key) ?? f.InputOrBlank(key);

        var writer = new DocxWriter()
            .Masthead(office)
            .Title("会商纪要")
            .Reference(f.Input("subject") ?? Short(f.InputOrBlank("mainContent")));
        if (approval is null) writer.Note("（草稿：会商记录尚待会商工作办公室审定）");

        writer.Heading("一、会议基本情况")
            .Field("会议时间", CaseFacts.ChineseMoment(CaseFacts.Data(convene, "meetingDate")) ?? CaseFacts.Blank)
            .Field("会议地点", CaseFacts.Data(convene, "place") ?? CaseFacts.Blank)
            .Field("召集人", CaseFacts.Data(convene, "convener") ?? CaseFacts.Blank)
            .Field("会商形式", CaseFacts.Data(review, "format") ?? "座谈会")
            .Field("提请单位", f.AgencyName(f.Input("requestingAgency")))
            .Field("主管领导", f.InputOrBlank("responsibleLeader"))
            .Field("联系人", f.InputOrBlank("contact"))
            .Field("参会单位", f.AgencyNames(review?.Data?["participants"]));

        writer.Heading("二、会商事项")
            .Field("类别", CaseFacts.Data(review, "category") ?? f.InputOrBlank("category"))
            .Field("背景", Requested("background"))
            .Field("主要内容", Requested("mainContent"))
            .Field("争议焦点", CaseFacts.Data(revise, "disputedPoints") ?? f.Input("disputedPoints") ?? "（未列明）");
        if (f.Input("urgent") == "是") writer.Field("紧急理由", f.Input("urgencyReason") ?? "（未说明理由，不按紧急情况处理）");

        // In the order the office named the participants (the opinion tasks are created together, in parallel).
        var named = (review?.Data?["participants"] as JsonArray)?.Select(p => p?.ToString()).ToList() ?? [];
        var opinions = f.Tasks.Where(t => t.ActivityId == "opinion")
            .OrderBy(t => named.IndexOf(t.AssigneeAgency) is var i && i >= 0 ? i : int.MaxValue).ThenBy(t => t.CreatedAt).ToList();
        writer.Heading("三、参会单位意见")
            .Table(["序号", "参会单位", "意见", "具体意见"], opinions.Select((t, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), f.AgencyName(t.AssigneeAgency), Opinion(t), CaseFacts.Data(t, "opinion") ?? ""]), [1, 4, 2, 8])
            .Text($"同意 {opinions.Count(t => t.Outcome == "agree")} 家，不同意 {opinions.Count(t => t.Outcome == "disagree")} 家，"
                + $"未反馈 {opinions.Count(t => t.Status is HumanTaskStatus.Expired or HumanTaskStatus.Cancelled || t.Outcome == "noReply")} 家（未反馈不视为同意）。");

        writer.Heading("四、会商情况").Text(CaseFacts.Data(outcome, "summary") ?? CaseFacts.Blank);

        writer.Heading("五、会商结果").Field("结果", OutcomeName(outcome?.Outcome));
        if (CaseFacts.Data(outcome, "consensusText") is { } consensus) writer.Field("形成的共识", consensus);
        if (CaseFacts.Data(outcome, "disagreements") is { } disagreements) writer.Field("分歧意见及理由", disagreements);
        if (urgent is not null)
        {
            writer.Field("当场决定", CaseFacts.Data(urgent, "decision") ?? CaseFacts.Blank)
                .Field("保留的不同意见", CaseFacts.Data(urgent, "dissent") ?? CaseFacts.Blank);
            if (CaseFacts.Data(urgent, "reasonsAgainstMajority") is { } against) writer.Field("不采纳多数意见的理由", against);
        }

        if (CaseFacts.Data(draft, "minutes") is { } minutes) writer.Heading("六、会商记录").Text(minutes);

        if (f.VariableNode("tasks") is JsonArray { Count: > 0 } tasks)
        {
            writer.Heading("七、任务分解表").Table(["序号", "重点任务", "具体落实措施", "责任单位", "完成时限"],
                tasks.OfType<JsonObject>().Select((t, i) => (IReadOnlyList<string>)
                [
                    Value(t["seq"]) ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Value(t["task"]) ?? "", Value(t["measures"]) ?? "", f.AgencyNames(t["responsibleUnits"]),
                    CaseFacts.ChineseMoment(Value(t["due"])) ?? Value(t["yearlyDue"]) ?? "",
                ]), [1, 4, 5, 4, 3]);
        }

        if (approval is not null) writer.Field("会商工作办公室审定意见", CaseFacts.Data(approval, "approvalOpinion") ?? "同意。");
        return writer.Signature(office, CaseFacts.ChineseDate(approval?.ClosedAt ?? outcome?.ClosedAt ?? f.Now));
    }

    private static string Opinion(Engine.Tasks.HumanTask task) => task switch
    {
        { Outcome: "agree" } => "同意",
        { Outcome: "disagree" } => "不同意",
        { Status: HumanTaskStatus.Open } => "待反馈",
        _ => "未反馈",
    };

    private static string OutcomeName(string? outcome) => outcome switch
    {
        "consensus" => "形成共识",
        "defer" => "意见分歧较大，暂缓作出决定",
        "officeRecommendation" => "由会商工作办公室提出建议，报请区政府研究决定",
        "urgentDecision" => "紧急情况，当场作出决定",
        _ => CaseFacts.Blank,
    };

    private static string? Value(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static string Short(string text) => text.Length <= 30 ? text : text[..30];
}
