using System.Text.Json.Nodes;
using ConsultFlow.Messaging.Tests.Infrastructure;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// 两法衔接 across systems: the 市场监管局 (scjg) works in ConsultFlow's web API, the 公安分局 (gaj) has a system of its
/// own (a separate process on RabbitMQ) that signs the receipt, and the 检察院 (jcy), without one, registers its copy
/// in the web UI as before. The case then waits for the police leader's filing decision.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class ReferralAcrossSystemsTests(PostgresServer postgres, RabbitBroker rabbit)
{
    [Fact]
    public async Task The_public_security_system_signs_the_receipt_and_the_procuratorate_registers_its_copy_in_the_web_ui()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit, "gaj");
        deployment.AgencySettings["AGENCY_FILING_STEP"] = "policeReview";
        // The filing decision may arrive before the review step is open: it is retried until it is.
        deployment.ServerSettings["ConsultFlow__Messaging__RetryLimit"] = "10";
        var node = await deployment.StartNodeAsync("node-1");
        await deployment.StartAgencySystemAsync("gaj");
        using (var admin = await deployment.SignInAsync(node))
            (await admin.PostJsonAsync("/api/admin/demo", new JsonObject { ["password"] = Deployment.DemoPassword })).IsSuccessStatusCode.Should().BeTrue();
        using var staff = await deployment.SignInAsync(node, "scjg-staff");
        using var leader = await deployment.SignInAsync(node, "scjg-leader");
        using var prosecutor = await deployment.SignInAsync(node, "jcy-staff");

        var caseNo = $"SCJG-XT-{Guid.NewGuid():N}"[..20];
        var id = await StartAsync(staff, "criminal-referral", new JsonObject
        {
            ["agency"] = "scjg",
            ["caseNo"] = caseNo,
            ["caseName"] = "某食品公司生产销售不符合安全标准的食品案",
            ["suspect"] = "某食品有限公司",
            ["suspectedCrime"] = "生产、销售不符合安全标准的食品罪",
            ["thresholdFacts"] = "抽检致病菌超标，涉案货值金额约12万元。",
            ["evidenceSummary"] = "抽样检验报告、现场检查笔录。",
            ["itemList"] = "查封冷冻肉制品320箱。",
        });
        await CompleteAsync(leader, id, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四", ["certificateNos"] = "64020001、64020002" });
        await CompleteAsync(staff, id, "teamReport", "submitted", new JsonObject { ["verification"] = "已核实。", ["report"] = "att-report" });
        await CompleteAsync(leader, id, "headDecision", "approve", new JsonObject { ["opinion"] = "同意移送。" });
        await CompleteAsync(staff, id, "transfer", "transferred", new JsonObject
        {
            ["transferLetter"] = "att-letter", ["investigationReport"] = "att-investigation", ["itemList"] = "att-items",
            ["testingReport"] = "att-testing", ["otherMaterials"] = new JsonArray("att-other"),
        });

        // Nobody at the police signs in: its system signs the receipt and files the case (立案), and the referring
        // agency's staff get the handover of the seized items.
        await EventuallyAsync(async () =>
            (await TasksAsync(staff, "&status=open")).FirstOrDefault(t => t["instanceId"]!.GetValue<string>() == id.ToString()
                && t["activityId"]!.GetValue<string>() == "handover"), "the handover after the system's receipt and filing", seconds: 60);

        var journal = await JournalAsync(staff, id);
        foreach (var (step, outcome) in new[] { ("receipt", "accept"), ("policeReview", "file") })
        {
            var done = journal.Single(e => e["kind"]!.GetValue<string>() == "taskCompleted" && e["activityId"]!.GetValue<string>() == step);
            done["actor"]!["userId"]!.GetValue<string>().Should().Be("system:gaj");
            done["actor"]!["agency"]!.GetValue<string>().Should().Be("gaj");
            done["message"]!.GetValue<string>().Should().Be(outcome);
            journal.Should().ContainSingle(e => e["kind"]!.GetValue<string>() == "messageReceived" && e["activityId"]!.GetValue<string>() == step);
        }
        journal.Count(e => e["kind"]!.GetValue<string>() == "messageSent").Should().Be(2, "the referral to gaj and the copy to jcy");
        var deliveries = await deployment.DeliveriesAsync("gaj");
        deliveries.Should().ContainSingle().Which.Step.Should().Be("receipt");

        // The procuratorate has no system: its copy was not sent anywhere, and its staff register it in the web UI.
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE destination = 'jcy' AND sent_at IS NOT NULL")).Should().Be(1);
        await CompleteAsync(prosecutor, id, "procuratorateCopy", "registered", new JsonObject { ["registrationNote"] = "已登记。" });
        await CompleteAsync(staff, id, "handover", "handedOver", new JsonObject { ["itemList"] = "att-handover-items", ["handoverRecord"] = "att-handover" });
        (await InstanceAsync(staff, id))["status"]!.GetValue<string>().Should().Be("completed");
        (await deployment.ScalarAsync<long>($"SELECT count(*) FROM inbox_messages WHERE instance_id = '{id}'")).Should().Be(2);
        (await DuplicatesAsync(deployment)).Should().BeEmpty();
    }

    private static Task<List<(string Key, long Count)>> DuplicatesAsync(Deployment deployment) => deployment.DuplicateJournalEntriesAsync();
}
