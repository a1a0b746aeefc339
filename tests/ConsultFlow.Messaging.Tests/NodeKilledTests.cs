using ConsultFlow.Messaging.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// One of two nodes killed with SIGKILL mid-run, while it holds outbox claims it cannot finish (the broker is away,
/// so its sends hang) and while cases are being started at it: every committed case still completes, the surviving
/// node relays the dead node's claimed rows once their lease has run out, nothing is half-done, and no journal entry
/// or applied message appears twice.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class NodeKilledTests(PostgresServer postgres, RabbitBroker rabbit, ITestOutputHelper output)
{
    private const string HeldByDoomed =
        "SELECT id::text, 1::bigint FROM outbox_messages WHERE sent_at IS NULL AND claimed_by = 'node-doomed' AND claimed_until > now()";

    [Fact]
    public async Task Cases_survive_a_node_killed_mid_run_and_its_claims_are_taken_over()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        var doomed = await deployment.StartNodeAsync("node-doomed");
        var survivor = await deployment.StartNodeAsync("node-survivor");
        await deployment.StartAgencySystemAsync();
        using var atDoomed = await deployment.SignInAsync(doomed);
        using var atSurvivor = await deployment.SignInAsync(survivor);
        await Deployment.PublishAsync(atSurvivor, "messaging-ping");
        for (var i = 0; i < 4; i++) await PingCases.StartAsync(i % 2 == 0 ? atDoomed : atSurvivor, $"WARM-{i}");
        (await deployment.WaitForCountAsync(PingCases.Completed, 4, TimeSpan.FromSeconds(60))).Should().Be(4, deployment.Logs());

        List<(string Key, long Count)> held = [];
        var startedAtDoomed = 0;
        var cutOff = 0;
        await rabbit.StopAppAsync();
        try
        {
            // With the broker away both relays claim rows and wait on their sends; cases keep being started at both.
            using var stopStarting = new CancellationTokenSource();
            var starting = Task.Run(async () =>
            {
                for (var i = 0; !stopStarting.IsCancellationRequested && i < 200; i++)
                {
                    try
                    {
                        await PingCases.StartAsync(atDoomed, $"DOOMED-{i:D3}");
                        startedAtDoomed++;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                    {
                        cutOff++; // the node died under this request: whether it committed, the database says
                        return;
                    }
                    await PingCases.StartAsync(atSurvivor, $"SURVIVOR-{i:D3}");
                }
            });
            var until = DateTime.UtcNow.AddSeconds(30);
            while ((held = await deployment.GroupCountAsync(HeldByDoomed)).Count == 0 && DateTime.UtcNow < until)
                await Task.Delay(100);
            held.Should().NotBeEmpty("the doomed node holds outbox claims when it is killed; logs:\n{0}", deployment.Logs());
            doomed.Process.Kill();
            await Task.Delay(500);
            stopStarting.Cancel();
            await starting;
        }
        finally
        {
            await rabbit.StartAppAsync();
        }
        doomed.Process.HasExited.Should().BeTrue();

        var all = await deployment.ScalarAsync<long>(PingCases.All);
        all.Should().BeGreaterThanOrEqualTo(4 + 2 * startedAtDoomed - 1);
        (await deployment.WaitForCountAsync(PingCases.Completed, all, TimeSpan.FromSeconds(120)))
            .Should().Be(all, "every committed case completes on the surviving node; logs:\n{0}", deployment.Logs());
        foreach (var (id, _) in held)
        {
            (await deployment.ScalarAsync<string>($"SELECT claimed_by FROM outbox_messages WHERE id = '{id}'")).Should().Be("node-survivor");
            (await deployment.ScalarAsync<long>($"SELECT attempts FROM outbox_messages WHERE id = '{id}'")).Should().BeGreaterThanOrEqualTo(2);
        }
        (await deployment.WaitForNoneAsync(Deployment.UnsentOutbox, TimeSpan.FromSeconds(30))).Should().Be(0);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM outbox_messages")).Should().Be(2 * all);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM inbox_messages")).Should().Be(all);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM journal WHERE kind = 'MessageReceived'")).Should().Be(all);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM journal WHERE kind = 'MessageSent'")).Should().Be(2 * all);
        (await deployment.DuplicateJournalEntriesAsync()).Should().BeEmpty();
        var deliveries = await deployment.DeliveriesAsync();
        deliveries.Select(d => d.InstanceId).Distinct().Should().HaveCount((int)all);
        output.WriteLine($"killed-node run: {all} cases ({startedAtDoomed} acknowledged by the killed node, {cutOff} request cut off), " +
            $"{held.Count} outbox rows held by the killed node and taken over, " +
            $"{deliveries.Count} deliveries to the agency ({deliveries.Count - deliveries.Select(d => d.MessageId).Distinct().Count()} redelivered), " +
            $"{await deployment.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE attempts > 1")} outbox rows claimed more than once, " +
            $"relayed by: {string.Join(", ", await deployment.GroupCountAsync("SELECT claimed_by, count(*) FROM outbox_messages GROUP BY claimed_by"))}");
    }
}
