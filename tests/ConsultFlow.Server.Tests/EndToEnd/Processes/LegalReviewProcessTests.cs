using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 重大执法决定法制审核 over real HTTP, inside the 自然资源局 (zrzy): the staff submits the draft, the legal officer
/// passes it, the leader signs and the staff publishes. Each step is a different person; the 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class LegalReviewProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "legal-review";

    [Fact]
    public async Task A_major_decision_is_reviewed_signed_and_published()
    {
        using var staff = await server.SignInAsync("zrzy-staff");
        using var legal = await server.SignInAsync("zrzy-legal");
        using var leader = await server.SignInAsync("zrzy-leader");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(staff, Process, new JsonObject
        {
            ["handlingAgency"] = "zrzy",
            ["caseNumber"] = $"自然资立〔2026〕{Guid.NewGuid():N}"[..20],
            ["caseName"] = "某公司非法占用耕地案",
            ["party"] = "某物流有限公司",
            ["majorCategory"] = "直接关系当事人或者第三人重大权益，经过听证程序",
            ["draftDecision"] = "责令退还非法占用的土地，限期拆除新建建筑物，并处罚款60万元",
            ["draftDocument"] = "file-draft-1",
            ["collectiveDiscussion"] = false,
            ["isPenaltyDecision"] = true,
        });

        await CompleteAsync(legal, id, "legalReview", "pass", new JsonObject
        {
            ["subject"] = "符合",
            ["jurisdiction"] = "符合",
            ["facts"] = "符合",
            ["evidence"] = "符合",
            ["procedure"] = "符合",
            ["lawApplied"] = "符合",
            ["discretion"] = "符合",
            ["opinion"] = "事实清楚，证据确凿，程序合法，适用法律正确，裁量适当",
            ["firstTimeReviewer"] = false,
        });
        await CompleteAsync(leader, id, "sign", "sign", new JsonObject { ["decisionNumber"] = "自然资罚〔2026〕7号", ["signedDocument"] = "file-decision-7" });
        await CompleteAsync(staff, id, "publish", "published", new JsonObject { ["publishedAt"] = "2026-04-30", ["location"] = "区政府门户网站行政执法公示专栏" });

        var done = await staff.ShouldBeCompletedAsync(id);
        done["output"]!["decisionNumber"]!.GetValue<string>().Should().Be("自然资罚〔2026〕7号");
        done["output"]!["legalReviewPassedAt"].Should().NotBeNull();

        var journal = await JournalAsync(leader, id);
        journal.ShouldRecordStart(staff);
        journal.ShouldRecordCompletion("legalReview", legal, "legal");
        journal.ShouldRecordCompletion("sign", leader, "leader");
        journal.ShouldRecordCompletion("publish", staff, "staff");
        journal.Where(e => e["kind"]!.GetValue<string>() == "taskCompleted").Select(e => e["actor"]!["userId"]!.GetValue<string>())
            .Distinct().Should().BeEquivalentTo([legal.Id, leader.Id, staff.Id], "each step was taken by a different person");
        journal.ActingAgencies().Should().BeEquivalentTo("zrzy");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("zrzy");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
