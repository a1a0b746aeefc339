using ConsultFlow.Messaging.Tests.Infrastructure;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// RabbitMQ stopped and started again in the middle of a run (rabbitmqctl stop_app / start_app): what the steps wrote
/// while it was away waits in the outbox and leaves when it is back; nothing is lost and nothing applied twice.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class BrokerRestartTests(PostgresServer postgres, RabbitBroker rabbit)
{
    [Fact]
    public async Task Cases_started_while_the_broker_is_down_complete_once_it_is_back()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        var node = await deployment.StartNodeAsync("node-1");
        await deployment.StartAgencySystemAsync();
        using var admin = await deployment.SignInAsync(node);
        await Deployment.PublishAsync(admin, "messaging-ping");

        for (var i = 0; i < 10; i++) await PingCases.StartAsync(admin, $"BEFORE-{i}");
        (await deployment.WaitForCountAsync(PingCases.Completed, 10, TimeSpan.FromSeconds(60))).Should().Be(10, deployment.Logs());

        await rabbit.StopAppAsync();
        try
        {
            // The steps commit without the broker: the referrals wait in the outbox.
            for (var i = 0; i < 10; i++) await PingCases.StartAsync(admin, $"DURING-{i}");
            await Task.Delay(TimeSpan.FromSeconds(2));
            (await deployment.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"))
                .Should().BeGreaterThanOrEqualTo(10, "the referrals of the cases started while the broker was down are held");
            (await deployment.ScalarAsync<long>(PingCases.Completed)).Should().Be(10);
        }
        finally
        {
            await rabbit.StartAppAsync();
        }
        for (var i = 0; i < 5; i++) await PingCases.StartAsync(admin, $"AFTER-{i}");

        var completed = await deployment.WaitForCountAsync(PingCases.Completed, 25, TimeSpan.FromSeconds(120));
        completed.Should().Be(25, "no message is lost across the restart; logs:\n{0}", deployment.Logs());
        (await deployment.WaitForNoneAsync(Deployment.UnsentOutbox, TimeSpan.FromSeconds(30))).Should().Be(0);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM inbox_messages")).Should().Be(25);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM journal WHERE kind = 'MessageReceived'")).Should().Be(25);
        (await deployment.DuplicateJournalEntriesAsync()).Should().BeEmpty();
        (await deployment.DeliveriesAsync()).Select(d => d.InstanceId).Distinct().Should().HaveCount(25);
    }
}
