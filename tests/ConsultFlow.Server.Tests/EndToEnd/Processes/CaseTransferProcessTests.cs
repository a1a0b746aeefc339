using System.Net;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 案件移送抄告 over real HTTP: the 星海镇 (xhz) finds a violation outside its powers, stops it, preserves the evidence
/// and transfers it to the 自然资源局 (zrzy), which accepts; the copy goes to the department named for it (the demo
/// district has no city-level department, so the district government stands in). The 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class CaseTransferProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "case-transfer";

    [Fact]
    public async Task A_violation_outside_the_townships_powers_is_transferred_accepted_and_copied()
    {
        using var township = await server.SignInAsync("xhz-staff");
        using var competent = await server.SignInAsync("zrzy-contact");
        using var copied = await server.SignInAsync("gov-contact");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(township, Process, new JsonObject
        {
            ["discoveringAgency"] = "xhz",
            ["competentAgency"] = "zrzy",
            ["cityDepartment"] = "gov",
            ["matter"] = $"非法开采河砂 {Guid.NewGuid():N}"[..16],
            ["facts"] = "巡查发现当事人在河道内采砂，超出综合执法办权限。",
            ["party"] = "某砂石场",
            ["discoveredAt"] = "2026-03-02T08:30:00+08:00",
            ["legalBasis"] = "S001 第二十条第（三）项",
        });

        // Until the transfer the competent agency is not party.
        (await competent.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await CompleteAsync(township, id, "stopAndPreserve", "done", new JsonObject { ["stopOrdered"] = true, ["evidence"] = "现场照片、采砂设备登记" });
        await CompleteAsync(township, id, "transfer", "transferred", new JsonObject { ["letterNo"] = "星综执移〔2026〕1号", ["materials"] = "现场检查笔录、照片" });
        await CompleteAsync(competent, id, "acceptTransfer", "accept", new JsonObject { ["caseNumber"] = "区自然资源收〔2026〕8号" });
        await CompleteAsync(copied, id, "copyToCity", "acknowledged");

        var done = await township.ShouldBeCompletedAsync(id);
        done["output"]!["result"]!.GetValue<string>().Should().Be("accepted");
        done["output"]!["competentAgency"]!.GetValue<string>().Should().Be("zrzy");

        var journal = await JournalAsync(competent, id);
        journal.ShouldRecordStart(township);
        journal.ShouldRecordCompletion("stopAndPreserve", township, "staff");
        journal.ShouldRecordCompletion("transfer", township, "staff");
        journal.ShouldRecordCompletion("acceptTransfer", competent, "contact");
        journal.ShouldRecordCompletion("copyToCity", copied, "contact");
        journal.ActingAgencies().Should().BeEquivalentTo("xhz", "zrzy", "gov");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("xhz", "zrzy", "gov");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
