using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// 首问责任制 over real HTTP: the 星海镇 (xhz) receives a complaint that is not its to handle, tells the complainant
/// and transfers it to the 市场监管局 (scjg), which accepts and answers the complainant. The 文旅局 (wlj) sees none of it.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class FirstContactComplaintProcessTests(SqliteLoopbackServer server)
{
    private const string Process = "first-contact-complaint";

    [Fact]
    public async Task A_complaint_the_first_receiver_is_not_competent_for_is_transferred_and_answered_by_the_competent_unit()
    {
        using var receiver = await server.SignInAsync("xhz-staff");
        using var competentContact = await server.SignInAsync("scjg-contact");
        using var competentStaff = await server.SignInAsync("scjg-staff");
        using var outsider = await server.SignInAsync("wlj-staff");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(receiver, Process, new JsonObject
        {
            ["firstReceiver"] = "xhz",
            ["subject"] = $"农贸市场销售过期食品 {Guid.NewGuid():N}"[..20],
            ["content"] = "3月1日在星海镇农贸市场购买的牛奶已过保质期。",
            ["channel"] = "来电",
            ["complainant"] = "张某",
            ["complainantContact"] = "13800000000",
            ["receivedAt"] = "2026-03-02T08:45:00+08:00",
        });

        await CompleteAsync(receiver, id, "acceptVerify", "notCompetent", new JsonObject
        {
            ["verification"] = "属食品安全监管事项",
            ["competentAgency"] = "scjg",
            ["transferReason"] = "食品安全不在赋权清单内",
        });
        await CompleteAsync(receiver, id, "informComplainant", "informed", new JsonObject { ["method"] = "电话", ["content"] = "已移送区市场监管局处理" });
        await CompleteAsync(competentContact, id, "acceptTransfer", "accept");
        await CompleteAsync(competentStaff, id, "answerComplainant", "answered", new JsonObject { ["result"] = "责令下架并立案", ["replyMethod"] = "书面" });

        var done = await receiver.ShouldBeCompletedAsync(id);
        done["output"]!["handlingAgency"]!.GetValue<string>().Should().Be("scjg");
        done["output"]!["transferred"]!.GetValue<bool>().Should().BeTrue();

        var journal = await JournalAsync(competentStaff, id);
        journal.ShouldRecordStart(receiver);
        journal.ShouldRecordCompletion("acceptVerify", receiver, "staff");
        journal.ShouldRecordCompletion("informComplainant", receiver, "staff");
        journal.ShouldRecordCompletion("acceptTransfer", competentContact, "contact");
        journal.ShouldRecordCompletion("answerComplainant", competentStaff, "staff");
        journal.ActingAgencies().Should().BeEquivalentTo("xhz", "scjg");
        (await admin.ParticipantAgenciesAsync(id)).Should().BeEquivalentTo("xhz", "scjg");

        await outsider.ShouldNotSeeCaseAsync(admin, id, Process);
    }
}
