using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 联合会商 over real HTTP: the 星海镇 (xhz) sets up the mechanism; the convener the default profile names, the district
/// government (gov), convenes a meeting, records it, convenes again at once when needed and then ends the mechanism.
/// The 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class JointConsultationProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "joint-consultation";

    [Fact]
    public async Task A_joint_consultation_meeting_is_convened_and_recorded_and_the_mechanism_ended_with_reasons()
    {
        using var township = await server.SignInAsync("xhz-leader");
        using var convener = await server.SignInAsync("gov-leader");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(township, Process, new JsonObject { ["note"] = $"审批与执法衔接 {Guid.NewGuid():N}"[..16] });

        await CompleteAsync(convener, id, "convene", "convene", new JsonObject
        {
            ["meetingDate"] = "2026-03-10T09:00:00+08:00",
            ["place"] = "区政府会议室",
            ["participants"] = new JsonArray("zhzf", "scjg"),
            ["agenda"] = "审批与执法衔接",
        });
        await CompleteAsync(convener, id, "meetingRecord", "held", new JsonObject
        {
            ["heldOn"] = "2026-03-10",
            ["issues"] = "审批事中事后监管衔接",
            ["conclusions"] = "建立信息推送机制",
        });
        await CompleteAsync(convener, id, "adHocTrigger", "conveneNow", new JsonObject { ["reason"] = "发现重大联动执法线索。" });
        await CompleteAsync(convener, id, "convene", "discontinue", new JsonObject { ["reason"] = "改革试点结束。" });

        var done = await township.ShouldBeCompletedAsync(id);
        done["output"]!["result"]!.GetValue<string>().Should().Be("discontinued");

        var journal = await JournalAsync(township, id);
        journal.ShouldRecordStart(township);
        journal.ShouldRecordCompletion("convene", convener, "leader");
        journal.ShouldRecordCompletion("meetingRecord", convener, "leader");
        journal.ShouldRecordCompletion("adHocTrigger", convener, "leader");
        journal.ActingAgencies().Should().BeEquivalentTo("xhz", "gov");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("xhz", "gov");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
