using System.Globalization;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 协查函 over real HTTP: the 市场监管局 (scjg) asks the 自然资源局 (zrzy) for proof, zrzy asks for more time, scjg's
/// contact accepts, and zrzy provides the materials. The 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class AssistanceRequestProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "assistance-request";

    [Fact]
    public async Task An_assistance_request_is_extended_on_request_and_answered_with_the_materials()
    {
        using var requester = await server.SignInAsync("scjg-staff");
        using var requesterContact = await server.SignInAsync("scjg-contact");
        using var target = await server.SignInAsync("zrzy-contact");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(requester, Process, new JsonObject
        {
            ["requestingAgency"] = "scjg",
            ["targetAgency"] = "zrzy",
            ["caseNumber"] = $"市监立〔2026〕{Guid.NewGuid():N}"[..20],
            ["caseCause"] = "涉嫌非法占地建设仓库",
            ["party"] = "某物流有限公司",
            ["requestCategory"] = "证明事实所需证据",
            ["requestedItems"] = "涉案地块的土地权属及用途证明",
            ["legalBasis"] = "《行政处罚法》第二十六条",
            ["contactName"] = "张三",
            ["contactPhone"] = "0878-1234567",
        });

        // The new date lies ahead of the server's real clock.
        var newDate = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await CompleteAsync(target, id, "reply", "requestExtension", new JsonObject { ["extensionReason"] = "权属档案在市局调阅中", ["newDate"] = newDate });
        await CompleteAsync(requesterContact, id, "decideExtension", "accept");
        await CompleteAsync(target, id, "replyExtended", "provided", new JsonObject
        {
            ["materials"] = new JsonArray("file-land-title"),
            ["replyText"] = "附土地权属证明",
        });

        var done = await requester.ShouldBeCompletedAsync(id);
        done["output"]!["result"]!.GetValue<string>().Should().Be("provided");

        var journal = await JournalAsync(target, id);
        journal.ShouldRecordStart(requester);
        journal.ShouldRecordCompletion("reply", target, "contact");
        journal.ShouldRecordCompletion("decideExtension", requesterContact, "contact");
        journal.ShouldRecordCompletion("replyExtended", target, "contact");
        journal.ActingAgencies().Should().BeEquivalentTo("scjg", "zrzy");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("scjg", "zrzy");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
