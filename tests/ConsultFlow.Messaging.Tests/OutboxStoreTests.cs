using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.State;
using ConsultFlow.Messaging.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// The outbox in the engine's store on PostgreSQL and SQLite: rows commit with their step and only with it, relays
/// claim disjoint batches (FOR UPDATE SKIP LOCKED on PostgreSQL), a claim is a lease that another relay takes over
/// once it runs out, and sent rows are never claimed again.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class OutboxStoreTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => new() { "Postgres", "Sqlite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Messages_commit_with_their_step_and_not_with_a_step_that_lost_the_race(string provider)
    {
        await using var services = await StoreAsync(provider);
        var store = (EfInstanceStore)services.GetRequiredService<IInstanceStore>();
        var state = NewState();
        await store.SaveAsync(Step(state, expectedRevision: null, messages: 1));
        (await store.CountUnsentOutboxAsync()).Should().Be(1);

        // A second step that read revision 1 commits; a third that also read revision 1 is refused, with its message.
        await store.SaveAsync(Step(state, expectedRevision: 1, messages: 1));
        var loser = Step(state, expectedRevision: 1, messages: 2);
        await store.Invoking(s => s.SaveAsync(loser)).Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.CountUnsentOutboxAsync()).Should().Be(2);

        // An inbox row already there refuses the step that would apply the same message again.
        var messageId = Guid.NewGuid();
        var first = Step(state, expectedRevision: 2, messages: 0);
        first.Inbox.Add(new InboxRecord(messageId, state.InstanceId, "ReceiptSigned", Now));
        await store.SaveAsync(first);
        var again = Step(state, expectedRevision: 3, messages: 1);
        again.Inbox.Add(new InboxRecord(messageId, state.InstanceId, "ReceiptSigned", Now));
        await store.Invoking(s => s.SaveAsync(again)).Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.InboxContainsAsync(messageId)).Should().BeTrue();
        (await store.CountUnsentOutboxAsync()).Should().Be(2, "the refused step's message was rolled back with it");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Relays_claim_disjoint_batches_and_take_over_an_expired_lease(string provider)
    {
        await using var services = await StoreAsync(provider);
        var store = (EfInstanceStore)services.GetRequiredService<IInstanceStore>();
        for (var i = 0; i < 8; i++) await store.SaveAsync(Step(NewState(), expectedRevision: null, messages: 5));

        var lease = TimeSpan.FromSeconds(30);
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(async relay =>
        {
            var mine = new List<Guid>();
            while (true)
            {
                var batch = await store.ClaimOutboxAsync($"relay-{relay}", Now, lease, 3);
                if (batch.Count == 0) return mine;
                mine.AddRange(batch.Select(m => m.Id));
            }
        }));
        var all = claims.SelectMany(c => c).ToList();
        all.Should().HaveCount(40).And.OnlyHaveUniqueItems("no row is claimed by two relays");

        // Within the lease nobody else gets them; sent rows are never handed out again.
        (await store.ClaimOutboxAsync("late", Now.AddSeconds(10), lease, 100)).Should().BeEmpty();
        await store.MarkOutboxSentAsync(claims[0], Now);
        var takenOver = await store.ClaimOutboxAsync("survivor", Now + lease + TimeSpan.FromSeconds(1), lease, 100);
        takenOver.Select(m => m.Id).Should().BeEquivalentTo(all.Except(claims[0]), "the other relays' leases ran out");
        (await store.CountUnsentOutboxAsync()).Should().Be(40 - claims[0].Count);
    }

    private async Task<ServiceProvider> StoreAsync(string provider)
    {
        var options = provider == "Postgres"
            ? new PersistenceOptions(PersistenceProvider.Postgres, await postgres.CreateDatabaseAsync())
            : new PersistenceOptions(PersistenceProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"cf-outbox-{Guid.NewGuid():N}.db")}");
        var services = new ServiceCollection().AddConsultFlowPersistence(options).BuildServiceProvider();
        await services.MigrateConsultFlowDatabaseAsync();
        return services;
    }

    private static WorkflowState NewState() => new()
    {
        InstanceId = Guid.NewGuid(),
        DefinitionId = "messaging-ping",
        DefinitionVersion = 1,
        Status = WorkflowStatus.Suspended,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    private static StepChanges Step(WorkflowState state, long? expectedRevision, int messages)
    {
        var changes = new StepChanges();
        changes.Instances.Add(new InstanceWrite(state, expectedRevision));
        for (var i = 0; i < messages; i++)
            changes.Outbox.Add(new OutboxMessage(Guid.NewGuid(), state.InstanceId, "refer", "CaseReferred", "gaj",
                $$"""{"caseKey":"K","instanceId":"{{state.InstanceId}}","step":"receipt"}""", Now.AddMilliseconds(i)));
        return changes;
    }
}
