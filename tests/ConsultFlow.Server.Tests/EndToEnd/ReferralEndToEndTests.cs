using System.Net;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>
/// 两法衔接 over real HTTP, each step by the person whose job it is: the 市场监管局 (scjg) staff reports, its leader
/// appoints the team and approves, the staff transfers with the five documents, the 检察院 (jcy) registers its copy,
/// the 公安分局 (gaj) signs the receipt and its leader files the case (立案), the staff hands over. The 自然资源局
/// (zrzy) has nothing to do with it and sees none of it.
/// </summary>
public abstract class ReferralEndToEndTests(LoopbackServer server)
{
    private static JsonObject Input(string caseNo) => new()
    {
        ["agency"] = "scjg",
        ["caseNo"] = caseNo,
        ["caseName"] = "某食品公司生产销售不符合安全标准的食品案",
        ["suspect"] = "某食品有限公司",
        ["suspectedCrime"] = "生产、销售不符合安全标准的食品罪",
        ["thresholdFacts"] = "抽检致病菌超标，涉案货值金额约12万元。",
        ["evidenceSummary"] = "抽样检验报告、现场检查笔录、询问笔录、销售台账。",
        ["itemList"] = "查封冷冻肉制品320箱。",
        ["testingReport"] = "宁食检〔2026〕118号",
    };

    // The attachments feature is not there yet; file fields carry the ids an upload would return.
    private static string Attachment(string name) => $"att-{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_referral_goes_from_market_regulation_to_the_police_filing_the_case_with_the_procuratorate_copied()
    {
        using var staff = await server.SignInAsync("scjg-staff");
        using var leader = await server.SignInAsync("scjg-leader");
        using var prosecutor = await server.SignInAsync("jcy-staff");
        using var police = await server.SignInAsync("gaj-staff");
        using var policeLeader = await server.SignInAsync("gaj-leader");
        using var outsider = await server.SignInAsync("zrzy-staff");
        using var outsiderLeader = await server.SignInAsync("zrzy-leader");
        using var admin = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);

        var id = await StartAsync(staff, "criminal-referral", Input($"SCJG-YS-{Guid.NewGuid():N}"[..20]));
        (await InstanceAsync(staff, id))["status"]!.GetValue<string>().Should().Be("suspended");

        await CompleteAsync(leader, id, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四", ["certificateNos"] = "64020001、64020002" });
        await CompleteAsync(staff, id, "teamReport", "submitted", new JsonObject
        {
            ["verification"] = "经核实，涉案货值金额达到刑事追诉标准。",
            ["report"] = Attachment("report"),
        });
        await CompleteAsync(leader, id, "headDecision", "approve", new JsonObject { ["opinion"] = "同意移送。" });

        // Until the transfer neither the police nor the procuratorate is party to the case.
        (await police.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await prosecutor.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await CompleteAsync(staff, id, "transfer", "transferred", new JsonObject
        {
            ["transferLetter"] = Attachment("transfer-letter"),
            ["investigationReport"] = Attachment("investigation"),
            ["itemList"] = Attachment("items"),
            ["testingReport"] = Attachment("testing"),
            ["otherMaterials"] = new JsonArray(Attachment("inspection-record"), Attachment("interview-record")),
        });

        // The copy of the transfer letter reaches the procuratorate's inbox, and through it the case.
        var copy = await InboxTaskAsync(prosecutor, id, "procuratorateCopy");
        copy["assigneeRole"]!.GetValue<string>().Should().Be("staff");
        (await prosecutor.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await InstanceIdsAsync(prosecutor)).Should().Contain(id);
        await CompleteAsync(prosecutor, id, "procuratorateCopy", "registered", new JsonObject { ["registrationNote"] = "已登记备案，纳入立案监督台账。" });

        (await InstanceIdsAsync(police, "&definitionId=criminal-referral")).Should().Contain(id);
        await CompleteAsync(police, id, "receipt", "accept", new JsonObject { ["receiptForm"] = Attachment("receipt") });
        await CompleteAsync(policeLeader, id, "policeReview", "file", new JsonObject { ["filingNotice"] = Attachment("filing-notice") });
        await CompleteAsync(staff, id, "handover", "handedOver", new JsonObject
        {
            ["itemList"] = Attachment("handover-items"),
            ["handoverRecord"] = Attachment("handover-record"),
            ["handoverNote"] = "涉案物品已全部移交公安分局。",
        });

        var finished = await InstanceAsync(staff, id);
        finished["status"]!.GetValue<string>().Should().Be("completed");
        finished["output"]!["result"]!.GetValue<string>().Should().Be("filed");
        (await TasksAsync(admin, $"&instanceId={id}&status=open")).Should().BeEmpty();

        var journal = await JournalAsync(police, id);
        var started = journal.Single(e => e["kind"]!.GetValue<string>() == "instanceStarted");
        started["actor"]!["userId"]!.GetValue<string>().Should().Be(staff.Id);
        started["actor"]!["agency"]!.GetValue<string>().Should().Be("scjg");
        journal.ShouldRecordCompletion("appointTeam", leader, "leader");
        journal.ShouldRecordCompletion("teamReport", staff, "staff");
        journal.ShouldRecordCompletion("headDecision", leader, "leader");
        journal.ShouldRecordCompletion("transfer", staff, "staff");
        journal.ShouldRecordCompletion("procuratorateCopy", prosecutor, "staff");
        journal.ShouldRecordCompletion("receipt", police, "staff");
        journal.ShouldRecordCompletion("policeReview", policeLeader, "leader");
        journal.ShouldRecordCompletion("handover", staff, "staff");
        journal.Should().Contain(e => e["kind"]!.GetValue<string>() == "instanceCompleted");

        var taskIds = (await TasksAsync(admin, $"&instanceId={id}")).Select(t => Guid.Parse(t["id"]!.GetValue<string>())).ToList();
        taskIds.Should().HaveCount(8);
        await outsider.ShouldSeeNothingOfAsync(id, taskIds, "criminal-referral");
        await outsiderLeader.ShouldSeeNothingOfAsync(id, taskIds, "criminal-referral");
        (await TasksAsync(outsider)).Should().BeEmpty("nothing was ever assigned to the 自然资源局");
        (await TasksAsync(outsiderLeader, "&status=open")).Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_assignee_acts_and_a_refused_completion_changes_nothing()
    {
        using var staff = await server.SignInAsync("scjg-staff");
        using var leader = await server.SignInAsync("scjg-leader");
        using var police = await server.SignInAsync("gaj-staff");
        using var outsider = await server.SignInAsync("zrzy-leader");

        var id = await StartAsync(staff, "criminal-referral", Input($"SCJG-YS-{Guid.NewGuid():N}"[..20]));
        var task = await InboxTaskAsync(leader, id, "appointTeam");
        var taskId = task["id"]!.GetValue<string>();
        var journalBefore = (await JournalAsync(staff, id)).Count;
        var body = new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject { ["teamMembers"] = "张三、李四" } };

        // The staff of the agency sees the task but it is the leader's; the police and an outsider do not see it at all.
        (await staff.PostJsonAsync($"/api/tasks/{taskId}/complete", body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await police.PostJsonAsync($"/api/tasks/{taskId}/complete", body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.PostJsonAsync($"/api/tasks/{taskId}/complete", body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // A team of one is not a team (at least two officers, 国务院令第310号第五条).
        await (await leader.PostJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "appointed", ["data"] = new JsonObject { ["teamMembers"] = "张三" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "data.teamMembers");

        (await JournalAsync(staff, id)).Should().HaveCount(journalBefore);
        (await leader.GetJsonAsync($"/api/tasks/{taskId}"))["status"]!.GetValue<string>().Should().Be("open");

        await leader.PostOkAsync($"/api/tasks/{taskId}/complete", body);
        (await JournalAsync(staff, id)).ShouldRecordCompletion("appointTeam", leader, "leader");
    }
}
