using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Messaging.Tests.Infrastructure;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// Two and three server processes on one PostgreSQL and one RabbitMQ: cases are started at every node, every node's
/// relay sends part of the outbox, and one case is never committed by two nodes at once.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class SeveralNodesTests(PostgresServer postgres, RabbitBroker rabbit)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Nodes_share_the_cases_and_the_outbox(int nodeCount)
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        for (var i = 1; i <= nodeCount; i++) await deployment.StartNodeAsync($"node-{i}");
        await deployment.StartAgencySystemAsync();
        var sessions = new List<UserSession>();
        foreach (var node in deployment.Nodes) sessions.Add(await deployment.SignInAsync(node));
        await Deployment.PublishAsync(sessions[0], "messaging-ping");

        var cases = 8 * nodeCount;
        await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 2 * nodeCount },
            async (i, _) => await PingCases.StartAsync(sessions[i % nodeCount], $"N{nodeCount}-{i:D3}"));

        (await deployment.WaitForCountAsync(PingCases.Completed, cases, TimeSpan.FromSeconds(120)))
            .Should().Be(cases, "every case completes; logs:\n{0}", deployment.Logs());
        // The completing step writes the CaseFiled event; a relay sends it a moment later.
        (await deployment.WaitForNoneAsync(Deployment.UnsentOutbox, TimeSpan.FromSeconds(30)))
            .Should().Be(0, "the outbox drains; logs:\n{0}", deployment.Logs());
        var relayedBy = await deployment.GroupCountAsync("SELECT claimed_by, count(*) FROM outbox_messages GROUP BY claimed_by");
        relayedBy.Select(r => r.Key).Should().OnlyContain(n => n.StartsWith("node-"));
        relayedBy.Should().HaveCountGreaterThan(1, "more than one node relays the outbox: {0}", string.Join(", ", relayedBy));
        relayedBy.Sum(r => r.Count).Should().Be(2 * cases);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM inbox_messages")).Should().Be(cases);
        (await deployment.DuplicateJournalEntriesAsync()).Should().BeEmpty();
        (await deployment.DeliveriesAsync()).Select(d => d.MessageId).Distinct().Should().HaveCount(cases);
        foreach (var session in sessions) session.Dispose();
    }

    [Fact]
    public async Task A_sign_in_at_one_node_is_good_at_the_other()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        var first = await deployment.StartNodeAsync("node-1");
        var second = await deployment.StartNodeAsync("node-2");
        using var session = await deployment.SignInAsync(first);

        // The same cookie jar against the other node, as a load balancer would send the browser's next request.
        using var other = UserSession.NewClient(second.BaseAddress, session.Cookies);
        var me = await other.GetAsync("api/auth/me");
        me.StatusCode.Should().Be(HttpStatusCode.OK, await me.Content.ReadAsStringAsync());
        (await me.Content.ReadAsStringAsync()).Should().Contain("\"userName\":\"admin\"");
        using var stranger = UserSession.NewClient(second.BaseAddress, new CookieContainer());
        (await stranger.GetAsync("api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Directory.GetFiles(Path.Combine(deployment.Folder, "keys"), "key-*.xml").Should().NotBeEmpty("the key ring is in the configured folder");

        // A node with a key ring of its own cannot read the cookie: sharing the folder is what makes it work.
        deployment.ServerSettings["ConsultFlow__DataProtectionKeysPath"] = Path.Combine(deployment.Folder, "other-keys");
        var apart = await deployment.StartNodeAsync("node-apart");
        using var elsewhere = UserSession.NewClient(apart.BaseAddress, session.Cookies);
        (await elsewhere.GetAsync("api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_same_task_completed_at_two_nodes_at_once_is_completed_once()
    {
        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        var first = await deployment.StartNodeAsync("node-1");
        var second = await deployment.StartNodeAsync("node-2");
        using var atFirst = await deployment.SignInAsync(first);
        using var atSecond = await deployment.SignInAsync(second);
        await Deployment.PublishAsync(atFirst, "messaging-gate");

        const int cases = 6;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < cases; i++)
        {
            var started = await atFirst.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = "messaging-gate", ["correlationKey"] = $"RACE-{i}" });
            var id = Guid.Parse(started["instanceId"]!.GetValue<string>());
            var task = await CaseSteps.InboxTaskAsync(atFirst, id, "approve");
            var body = new JsonObject { ["outcome"] = "approved" };
            var answers = await Task.WhenAll(
                atFirst.PostJsonAsync($"/api/tasks/{task["id"]}/complete", body),
                atSecond.PostJsonAsync($"/api/tasks/{task["id"]}/complete", body.DeepClone()));
            statuses.AddRange(answers.Select(a => a.StatusCode));
            answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict],
                "exactly one node commits the completion of case {0}", i);
        }
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM journal WHERE kind = 'TaskCompleted'")).Should().Be(cases);
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE status = 'Suspended'")).Should().Be(cases);
        (await deployment.DuplicateJournalEntriesAsync()).Should().BeEmpty();
        // Revisions: started (1) and completed once (2); a second commit would have made it 3.
        (await deployment.ScalarAsync<long>("SELECT max(revision) FROM workflow_instances")).Should().Be(2);
    }
}
