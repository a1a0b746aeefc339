using System.Net;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 反向移送 over real HTTP: the 检察院 (jcy) issues its opinion after a non-prosecution and transfers the case to the
/// 市场监管局 (scjg), whose staff registers it, legal officer checks jurisdiction and limitation, leader decides the
/// penalty and staff reports back; the procuratorate acknowledges. The 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class ReverseReferralProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "reverse-referral";

    [Fact]
    public async Task A_procuratorate_opinion_is_registered_decided_and_reported_back_by_the_agency()
    {
        using var prosecutor = await server.SignInAsync("jcy-staff");
        using var chiefProsecutor = await server.SignInAsync("jcy-leader");
        using var staff = await server.SignInAsync("scjg-staff");
        using var legal = await server.SignInAsync("scjg-legal");
        using var leader = await server.SignInAsync("scjg-leader");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(prosecutor, Process, new JsonObject
        {
            ["issuingAuthority"] = "jcy",
            ["issuerType"] = "procuratorate",
            ["targetAgency"] = "scjg",
            ["caseName"] = $"某公司销售不合格产品案 {Guid.NewGuid():N}"[..20],
            ["criminalCaseNumber"] = "检刑不诉〔2026〕3号",
            ["party"] = "某商贸有限公司",
            ["groundNoCriminalLiability"] = "犯罪情节轻微，作出不起诉决定",
            ["facts"] = "2025年10月销售不合格电线电缆，货值金额4万元",
            ["evidence"] = "检验报告、销售记录、询问笔录",
            ["penaltyOpinion"] = "建议依照《产品质量法》第四十九条给予行政处罚",
            ["seizureStatus"] = "扣押电线电缆120卷，随案移送",
        });

        // Before the opinion is issued the agency is not party.
        (await staff.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await CompleteAsync(chiefProsecutor, id, "issue", "transfer", new JsonObject { ["documentNumber"] = "检行意〔2026〕1号", ["document"] = "file-opinion-1" });
        await CompleteAsync(staff, id, "register", "register", new JsonObject { ["caseNumber"] = "市监处〔2026〕88号", ["registeredOn"] = "2026-03-02" });
        await CompleteAsync(legal, id, "checkJurisdiction", "competent", new JsonObject { ["basis"] = "《产品质量法》第八条" });
        await CompleteAsync(legal, id, "checkLimitation", "withinLimitation", new JsonObject { ["violationDate"] = "2025-10-15" });
        await CompleteAsync(leader, id, "decide", "penalty", new JsonObject { ["decisionNumber"] = "市监罚〔2026〕12号", ["penaltyContent"] = "没收违法产品，罚款8万元" });
        await CompleteAsync(staff, id, "reportBack", "reported", new JsonObject
        {
            ["resultSummary"] = "已作出行政处罚决定：没收违法产品，罚款8万元",
            ["documents"] = new JsonArray("file-decision-12"),
        });
        await CompleteAsync(prosecutor, id, "acknowledge", "acknowledged");

        var done = await prosecutor.ShouldBeCompletedAsync(id);
        done["output"]!["result"]!.GetValue<string>().Should().Be("penalty");
        done["output"]!["caseSource"]!.GetValue<string>().Should().Be("reverseReferral");
        done["output"]!["caseNumber"]!.GetValue<string>().Should().Be("市监处〔2026〕88号");

        var journal = await JournalAsync(staff, id);
        journal.ShouldRecordStart(prosecutor);
        journal.ShouldRecordCompletion("issue", chiefProsecutor, "leader");
        journal.ShouldRecordCompletion("register", staff, "staff");
        journal.ShouldRecordCompletion("checkJurisdiction", legal, "legal");
        journal.ShouldRecordCompletion("checkLimitation", legal, "legal");
        journal.ShouldRecordCompletion("decide", leader, "leader");
        journal.ShouldRecordCompletion("reportBack", staff, "staff");
        journal.ShouldRecordCompletion("acknowledge", prosecutor, "staff");
        journal.ActingAgencies().Should().BeEquivalentTo("jcy", "scjg");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("jcy", "scjg");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
