using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Contracts.V1;
using ConsultFlow.Messaging.Tests.Infrastructure;
using MassTransit;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// A receipt that arrives before anything waits for it fails every retry and lands in the error queue, where an
/// administrator sees it through the API and, once the case is ready for it, replays it: the case then completes.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class ErrorQueueTests(PostgresServer postgres, RabbitBroker rabbit)
{
    [Fact]
    public async Task A_message_nothing_waits_for_goes_to_the_error_queue_and_is_replayed_through_the_api()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        var node = await deployment.StartNodeAsync("node-1");
        using var admin = await deployment.SignInAsync(node);
        await Deployment.PublishAsync(admin, "messaging-gate");
        var started = await admin.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = "messaging-gate", ["correlationKey"] = "EARLY-1" });
        var instanceId = Guid.Parse(started["instanceId"]!.GetValue<string>());

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
            await engine.Send(new ReceiptSigned { CaseKey = "EARLY-1", InstanceId = instanceId, Step = "receipt", FromAgency = "gaj" },
                context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }

        var listed = await CaseSteps.EventuallyAsync(async () =>
        {
            var errors = (await admin.GetJsonAsync("/api/admin/messaging/errors")).AsArray();
            return errors.FirstOrDefault(e => e!["messageId"]!.GetValue<string>() == messageId.ToString()) as JsonObject;
        }, "the early receipt in the error queue", seconds: 60);
        listed["messageType"]!.GetValue<string>().Should().Be("ConsultFlow.Contracts.V1:ReceiptSigned");
        listed["reason"]!.GetValue<string>().Should().Contain("No step waits");
        // Listing takes nothing away.
        (await admin.GetJsonAsync("/api/admin/messaging/errors")).AsArray().Should().ContainSingle();

        (await admin.PostJsonAsync($"/api/admin/messaging/errors/{Guid.NewGuid()}/replay", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bad = await admin.PostJsonAsync("/api/admin/messaging/errors/not-an-id/replay", null);
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("messageId");
        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress };
        (await anonymous.GetAsync("api/admin/messaging/errors")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await CaseSteps.CompleteAsync(admin, instanceId, "approve", "approved");
        (await admin.PostOkAsync($"/api/admin/messaging/errors/{messageId}/replay", null))["replayed"]!.GetValue<bool>().Should().BeTrue();

        await CaseSteps.EventuallyAsync(async () =>
            (await CaseSteps.InstanceAsync(admin, instanceId))["status"]!.GetValue<string>() == "completed" ? "done" : null,
            "the case completing on the replayed receipt", seconds: 30);
        (await admin.GetJsonAsync("/api/admin/messaging/errors")).AsArray().Should().BeEmpty();
        (await deployment.ScalarAsync<long>($"SELECT count(*) FROM inbox_messages WHERE message_id = '{messageId}'")).Should().Be(1);
        var status = (await admin.GetJsonAsync("/api/admin/messaging/status")).AsObject();
        status["transport"]!.GetValue<string>().Should().Be("RabbitMq");
        status["unsentOutbox"]!.GetValue<int>().Should().Be(0);
    }
}
