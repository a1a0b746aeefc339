namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// 协查函 (《行政处罚法》第二十六条): the requesting agency asks another for evidence or other materials, naming the
/// case, the party, what is asked, the legal basis, the reply date and the contact (DOMAIN.md E).
/// </summary>
public static class AssistanceLetterTemplate
{
    public static DocumentTemplate Template { get; } = new("assistance-letter", "assistance-request", "协查函",
        "Request for assistance", _ => null, Write, f => $"协查函-{f.Input("caseNumber") ?? "未编号"}");

    private static DocxWriter Write(CaseFacts f)
    {
        var agency = f.AgencyName(f.Input("requestingAgency"));
        // The reply date: the date agreed after an extension, else the reply task's statutory due date.
        var reply = f.Tasks.Where(t => t.ActivityId == "reply").OrderBy(t => t.CreatedAt).FirstOrDefault();
        var replyBy = CaseFacts.ChineseMoment(f.Variable("replyBy"))
            ?? (reply?.DueAt is { } due ? CaseFacts.ChineseDate(due) : CaseFacts.Blank);
        return new DocxWriter()
            .Masthead(agency)
            .Title("协查函")
            .Reference($"案件编号：{f.InputOrBlank("caseNumber")}")
            .Addressee(f.AgencyName(f.Input("targetAgency")))
            .Text($"本机关在办理{f.InputOrBlank("party")}{f.InputOrBlank("caseCause")}一案中，因调查案件需要，依据{f.InputOrBlank("legalBasis")}的规定，"
                + $"请你单位协助提供以下{f.Input("requestCategory") ?? "材料"}：")
            .Text(f.InputOrBlank("requestedItems"))
            .Text($"请于{replyBy}前将协查结果函复本机关。能够提供的，请随函附送有关材料；不能提供的，请书面说明理由；"
                + "需要延期的，请说明理由并提出新的答复日期。")
            .Text("特此函告。")
            .Field("联系人", f.InputOrBlank("contactName"))
            .Field("联系电话", f.InputOrBlank("contactPhone"))
            .Signature(agency, CaseFacts.ChineseDate(f.State.CreatedAt));
    }
}
