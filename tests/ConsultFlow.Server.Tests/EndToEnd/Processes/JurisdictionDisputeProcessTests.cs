using System.Net;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 管辖权争议 over real HTTP: the 市场监管局 (scjg) registers a dispute with the 自然资源局 (zrzy), tries to negotiate and
/// stops and preserves in the meantime, the coordination office (sfj) accepts the application and names zrzy, which
/// reports the execution. The 文旅局 (wlj) is not party and sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class JurisdictionDisputeProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "jurisdiction-dispute";

    [Fact]
    public async Task A_dispute_goes_through_failed_negotiation_to_the_coordination_office_whose_opinion_is_executed()
    {
        using var contact = await server.SignInAsync("scjg-contact");
        using var staff = await server.SignInAsync("scjg-staff");
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        using var other = await server.SignInAsync("zrzy-contact");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(contact, Process, new JsonObject
        {
            ["agencies"] = new JsonArray("scjg", "zrzy"),
            ["matter"] = $"星海镇某地块违法占地建设经营场所 {Guid.NewGuid():N}"[..24],
            ["disputeType"] = "claim",
            ["facts"] = "巡查发现当事人未经批准占用耕地搭建经营用房并无照经营。",
            ["firstDiscoverer"] = "scjg",
            ["discoveredAt"] = "2026-03-01T10:00:00+08:00",
            ["legalBasis"] = "《行政处罚法》第二十五条",
            ["positions"] = new JsonArray(
                new JsonObject { ["agency"] = "scjg", ["position"] = "属无照经营，由本局管辖" },
                new JsonObject { ["agency"] = "zrzy", ["position"] = "属非法占地，由本局管辖" }),
        });

        await CompleteAsync(contact, id, "negotiation", "failed", new JsonObject
        {
            ["participants"] = new JsonArray("scjg", "zrzy"),
            ["record"] = "3月2日双方协商",
            ["failureReasons"] = "双方均主张管辖",
        });
        await CompleteAsync(coordinator, id, "coordinationApplication", "accept");
        await CompleteAsync(coordinator, id, "coordination", "opinion", new JsonObject
        {
            ["handlingAgency"] = "zrzy",
            ["opinion"] = "占用耕地为主要违法行为，由自然资源局管辖，无照经营问题移送市场监管局",
        });
        await CompleteAsync(other, id, "executionReport", "reported", new JsonObject { ["execution"] = "已立案查处" });
        await CompleteAsync(staff, id, "stopAndPreserve", "done", new JsonObject
        {
            ["stopOrdered"] = true,
            ["evidence"] = "现场拍照、询问笔录",
            ["informedAgencies"] = new JsonArray("zrzy"),
        });

        var done = await contact.ShouldBeCompletedAsync(id);
        done["output"]!["path"]!.GetValue<string>().Should().Be("coordinationOpinion");
        done["output"]!["handlingAgency"]!.GetValue<string>().Should().Be("zrzy");

        var journal = await JournalAsync(other, id);
        journal.ShouldRecordStart(contact);
        journal.ShouldRecordCompletion("negotiation", contact, "contact");
        journal.ShouldRecordCompletion("coordinationApplication", coordinator, "coordinator");
        journal.ShouldRecordCompletion("coordination", coordinator, "coordinator");
        journal.ShouldRecordCompletion("executionReport", other, "contact");
        journal.ShouldRecordCompletion("stopAndPreserve", staff, "staff");
        journal.ActingAgencies().Should().BeEquivalentTo("scjg", "sfj", "zrzy");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("scjg", "sfj", "zrzy");

        (await other.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
