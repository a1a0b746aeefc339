namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// 提请复议书 (国务院令第310号第九条): the referring agency asks the police to reconsider their decision not to file the
/// case, within 3 days of receiving it; the police decide within 3 days. The agency's reasons come from its response
/// to the decision when recorded, otherwise a blank line is left to fill by hand.
/// </summary>
public static class ReconsiderationRequestTemplate
{
    private static readonly string[] PoliceReviews = ["policeReview", "policeReviewExtended7", "policeReviewExtended30"];

    public static DocumentTemplate Template { get; } = new("reconsideration-request", "criminal-referral", "提请复议书",
        "Request for reconsideration of the decision not to file", Unavailable, Write, f => $"提请复议书-{f.Input("caseNo") ?? "未编号"}");

    private static string? Unavailable(CaseFacts f) =>
        f.CompletedAny(PoliceReviews, "notFile") is null ? "公安机关作出不予立案决定后方可提请复议。(Available once the police decide not to file the case.)" : null;

    private static DocxWriter Write(CaseFacts f)
    {
        var agency = f.AgencyName(f.Input("agency"));
        var police = f.AgencyName(f.Variable("policeOffice") ?? f.Profile.Agencies.PublicSecurity);
        var transfer = f.Completed("transfer", "transferred");
        var notFiled = f.CompletedAny(PoliceReviews, "notFile");
        var response = f.Completed("notFiledResponse", "requestReconsideration");
        return new DocxWriter()
            .Masthead(agency)
            .Title("提请复议书")
            .Reference($"案件编号：{f.InputOrBlank("caseNo")}")
            .Addressee(police)
            .Text($"本机关于{(transfer?.ClosedAt is { } sent ? CaseFacts.ChineseDate(sent) : CaseFacts.Blank)}移送你局的{f.InputOrBlank("suspect")}涉嫌"
                + $"{f.InputOrBlank("suspectedCrime")}一案（{f.InputOrBlank("caseName")}），你局于"
                + $"{(notFiled?.ClosedAt is { } decided ? CaseFacts.ChineseDate(decided) : CaseFacts.Blank)}作出不予立案决定，理由为："
                + $"{CaseFacts.Data(notFiled, "notFiledReasons") ?? CaseFacts.Blank}。")
            .Text($"本机关认为：{CaseFacts.Data(response, "note") ?? CaseFacts.Blank}")
            .Text("根据《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第九条的规定，本机关对你局的不予立案决定提请复议。"
                + "请你局自收到本提请复议书之日起3日内作出立案或者不予立案的决定，并书面通知本机关。")
            .Signature(agency, CaseFacts.ChineseDate(response?.ClosedAt ?? f.Now))
            .Note($"抄送：{f.AgencyName(f.Profile.Agencies.Procuratorate)}");
    }
}
