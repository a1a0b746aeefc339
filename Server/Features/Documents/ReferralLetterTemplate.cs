namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// 涉嫌犯罪案件移送书 (国务院令第310号第六条): the referring agency to the police, with the case's facts, the approval
/// of its head, the list of the materials transferred with it and the copy to the procuratorate.
/// </summary>
public static class ReferralLetterTemplate
{
    public static DocumentTemplate Template { get; } = new("referral-letter", "criminal-referral", "涉嫌犯罪案件移送书",
        "Criminal case referral letter", Unavailable, Write, f => $"涉嫌犯罪案件移送书-{f.Input("caseNo") ?? "未编号"}");

    private static string? Unavailable(CaseFacts f) =>
        f.Completed("headDecision", "approve") is null ? "负责人批准移送后方可生成移送书。(Available once the head has approved the transfer.)" : null;

    private static DocxWriter Write(CaseFacts f)
    {
        var agency = f.AgencyName(f.Input("agency"));
        var police = f.AgencyName(f.Variable("policeOffice") ?? f.Profile.Agencies.PublicSecurity);
        var team = f.Completed("appointTeam");
        var approval = f.Completed("headDecision", "approve");
        var transfer = f.Completed("transfer", "transferred");
        var writer = new DocxWriter()
            .Masthead(agency)
            .Title("涉嫌犯罪案件移送书")
            .Reference($"案件编号：{f.InputOrBlank("caseNo")}")
            .Addressee(police)
            .Text($"本机关在查处{f.InputOrBlank("caseName")}过程中，发现{f.InputOrBlank("suspect")}涉嫌{f.InputOrBlank("suspectedCrime")}。经查：{f.InputOrBlank("thresholdFacts")}")
            .Text($"证据情况：{f.InputOrBlank("evidenceSummary")}")
            .Text("根据《中华人民共和国行政处罚法》第二十七条和《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第三条、第六条的规定，"
                + "该案涉嫌犯罪，依法需要追究刑事责任，经本机关负责人批准，现移送你局，请依法审查，并将是否立案的决定书面告知本机关。");
        if (f.Input("penaltyAlreadyImposed") == "是")
            writer.Text($"本案移送前已作出行政处罚决定（{f.Input("penaltyDecisionNo") ?? CaseFacts.Blank}），行政处罚决定书一并抄送（国务院令第310号第十一条）。");
        writer.Field("案件来源", f.Input("source") ?? "发现")
            .Field("专案组成员", CaseFacts.Data(team, "teamMembers") ?? CaseFacts.Blank);
        if (CaseFacts.Data(team, "certificateNos") is { } certificates) writer.Field("执法证件号", certificates);
        writer.Field("负责人审批意见", $"{CaseFacts.Data(approval, "opinion") ?? "同意移送。"}（{(approval?.ClosedAt is { } at ? CaseFacts.ChineseDate(at) : CaseFacts.Blank)}）")
            .Heading("附件：")
            .Text("1. 涉嫌犯罪案件情况的调查报告")
            .Text($"2. 涉案物品清单：{f.InputOrBlank("itemList")}")
            .Text($"3. 有关检验报告或者鉴定结论：{f.Input("testingReport") ?? "无"}")
            .Text("4. 其他有关涉嫌犯罪的材料")
            .Signature(agency, CaseFacts.ChineseDate(transfer?.ClosedAt ?? approval?.ClosedAt ?? f.Now))
            .Note($"抄送：{f.AgencyName(f.Profile.Agencies.Procuratorate)}");
        return writer;
    }
}
