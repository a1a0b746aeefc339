using ConsultFlow.Messaging.Tests.Infrastructure;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// The referral → receipt round trip through RabbitMQ between one ConsultFlow server process and the separate
/// public-security system process: every case completes, each message is sent and applied exactly once.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class RoundTripTests(PostgresServer postgres, RabbitBroker rabbit)
{
    [Fact]
    public async Task Every_referral_is_answered_by_the_public_security_system_and_applied_once()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        var node = await deployment.StartNodeAsync("node-1");
        await deployment.StartAgencySystemAsync();
        using var admin = await deployment.SignInAsync(node);
        await Deployment.PublishAsync(admin, "messaging-ping");

        const int cases = 12;
        var ids = new List<Guid>();
        for (var i = 0; i < cases; i++) ids.Add(await PingCases.StartAsync(admin, $"PING-{i:D3}"));

        var completed = await deployment.WaitForCountAsync(PingCases.Completed, cases, TimeSpan.FromSeconds(60));
        completed.Should().Be(cases, "every case gets its receipt; logs:\n{0}", deployment.Logs());
        // The completing step writes the CaseFiled event; the relay sends it a moment later.
        (await deployment.WaitForNoneAsync(Deployment.UnsentOutbox, TimeSpan.FromSeconds(30)))
            .Should().Be(0, "the outbox drains; logs:\n{0}", deployment.Logs());
        // One referral out and one CaseFiled event out per case; one receipt in.
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM outbox_messages")).Should().Be(2 * cases);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM inbox_messages")).Should().Be(cases);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM journal WHERE kind = 'MessageReceived'")).Should().Be(cases);
        (await deployment.DuplicateJournalEntriesAsync()).Should().BeEmpty();
        var deliveries = await deployment.DeliveriesAsync();
        deliveries.Select(d => d.InstanceId).Distinct().Should().BeEquivalentTo(ids);
        deliveries.Should().OnlyContain(d => d.Step == "receipt");
    }
}
