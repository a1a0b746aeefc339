using System.Text.Json.Nodes;
using ConsultFlow.Contracts.V1;
using ConsultFlow.Messaging.Tests.Infrastructure;
using MassTransit;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// An agency's system answers under the same rules as its people. The police system forwarding a referral to 自然资源局
/// (not a police office) is refused as the web UI refuses it: the answer goes to the error queue with the reason, and
/// the receipt stays open for the police.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class AnswerFromSystemChecksTests(PostgresServer postgres, RabbitBroker rabbit)
{
    [Fact]
    public async Task A_system_cannot_forward_a_referral_to_an_agency_that_is_no_police_office()
    {
        // gaj answers by messages, but no gaj system runs here: the test sends the forged answer itself.
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit, "gaj");
        deployment.ServerSettings["ConsultFlow__Messaging__RetryLimit"] = "1";
        var node = await deployment.StartNodeAsync("node-1");
        using (var admin = await deployment.SignInAsync(node))
            (await admin.PostJsonAsync("/api/admin/demo", new JsonObject { ["password"] = Deployment.DemoPassword })).IsSuccessStatusCode.Should().BeTrue();
        using var staff = await deployment.SignInAsync(node, "scjg-staff");
        using var leader = await deployment.SignInAsync(node, "scjg-leader");
        using var operatorSession = await deployment.SignInAsync(node);

        var id = await StartAsync(staff, "criminal-referral", new JsonObject
        {
            ["caseNo"] = $"SCJG-FW-{Guid.NewGuid():N}"[..20], ["caseName"] = "某公司销售假冒注册商标的商品案", ["suspect"] = "某商贸有限公司",
            ["suspectedCrime"] = "销售假冒注册商标的商品罪", ["thresholdFacts"] = "销售金额约8万元。", ["evidenceSummary"] = "现场检查笔录。", ["itemList"] = "扣押商品60件。",
        });
        await CompleteAsync(leader, id, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四", ["certificateNos"] = "64020001、64020002" });
        await CompleteAsync(staff, id, "teamReport", "submitted", new JsonObject { ["verification"] = "已核实。", ["report"] = "att-report" });
        await CompleteAsync(leader, id, "headDecision", "approve", new JsonObject { ["opinion"] = "同意移送。" });
        await CompleteAsync(staff, id, "transfer", "transferred", new JsonObject
        {
            ["transferLetter"] = "att-letter", ["investigationReport"] = "att-investigation", ["itemList"] = "att-items",
            ["testingReport"] = "att-testing", ["otherMaterials"] = new JsonArray("att-other"),
        });
        await EventuallyAsync(async () => await deployment.ScalarAsync<long>($"SELECT count(*) FROM human_tasks WHERE instance_id = '{id}' AND activity_id = 'receipt'") > 0
            ? "open" : null, "the receipt open at gaj", seconds: 60);

        var messageId = Guid.NewGuid();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("127.0.0.1", (ushort)rabbit.Port, deployment.VirtualHost, h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            var engine = await bus.GetSendEndpoint(new Uri($"queue:{Queues.Engine}"));
            await engine.Send(new CaseForwarded
            {
                CaseKey = id.ToString(), InstanceId = id, Step = "receipt", FromAgency = "gaj", CompetentOffice = "zrzy",
                Form = new JsonObject { ["competentOffice"] = "zrzy", ["reasons"] = "不属本局管辖。" },
            }, context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }

        var refused = await EventuallyAsync(async () =>
            (await operatorSession.GetJsonAsync("/api/admin/messaging/errors")).AsArray()
                .FirstOrDefault(e => e!["messageId"]!.GetValue<string>() == messageId.ToString()) as JsonObject, "the forged forward in the error queue", seconds: 60);
        refused["reason"]!.GetValue<string>().Should().Contain("单位");
        var journal = await JournalAsync(staff, id);
        journal.Should().NotContain(e => e["kind"]!.GetValue<string>() == "taskCompleted" && e["activityId"]!.GetValue<string>() == "receipt");
        (await deployment.ScalarAsync<long>($"SELECT count(*) FROM inbox_messages WHERE instance_id = '{id}'")).Should().Be(0);
        (await deployment.ScalarAsync<long>($"SELECT count(*) FROM human_tasks WHERE instance_id = '{id}' AND activity_id = 'receipt' AND status = 'Open'")).Should().Be(1);
    }
}
