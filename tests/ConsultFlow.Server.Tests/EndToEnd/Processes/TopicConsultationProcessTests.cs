using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 专题会商 over real HTTP: the 星海镇 (xhz) opens a topic consultation, convenes the 综合执法局 (zhzf) and the 市场监管局
/// (scjg), whose leaders give their opinions, and records the conclusion. The 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class TopicConsultationProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "topic-consultation";

    [Fact]
    public async Task A_topic_consultation_collects_the_participants_opinions_and_is_resolved_by_the_opener()
    {
        using var opener = await server.SignInAsync("xhz-leader");
        using var enforcement = await server.SignInAsync("zhzf-leader");
        using var market = await server.SignInAsync("scjg-leader");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(opener, Process, new JsonObject
        {
            ["requestingAgency"] = "xhz",
            ["subject"] = $"夜市油烟扰民 {Guid.NewGuid():N}"[..16],
            ["background"] = "群众投诉集中。",
            ["mainContent"] = "明确油烟与占道的查处分工。",
            ["disputedPoints"] = "油烟由谁查处",
        });

        await CompleteAsync(opener, id, "convene", "convene", new JsonObject
        {
            ["meetingDate"] = "2026-03-04T15:00:00+08:00",
            ["place"] = "星海镇会议室",
            ["participants"] = new JsonArray("zhzf", "scjg"),
        });
        await CompleteAsync(enforcement, id, "topicOpinion", "agree");
        await CompleteAsync(market, id, "topicOpinion", "disagree", new JsonObject { ["opinion"] = "占道经营不属本局职责。" });
        await CompleteAsync(opener, id, "conclusion", "resolved", new JsonObject { ["conclusions"] = "油烟由综合执法局查处。" });

        var done = await opener.ShouldBeCompletedAsync(id);
        done["output"]!["result"]!.GetValue<string>().Should().Be("resolved");

        var journal = await JournalAsync(enforcement, id);
        journal.ShouldRecordStart(opener);
        journal.ShouldRecordCompletion("convene", opener, "leader");
        journal.ShouldRecordCompletion("topicOpinion", enforcement, "leader");
        journal.ShouldRecordCompletion("topicOpinion", market, "leader");
        journal.ShouldRecordCompletion("conclusion", opener, "leader");
        journal.ActingAgencies().Should().BeEquivalentTo("xhz", "zhzf", "scjg");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("xhz", "zhzf", "scjg");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
