namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// The outbox and inbox of an instance store, for the relay that sends what steps wrote and the consumers that
/// deduplicate what arrives. Several nodes may relay at once: a claim is a lease, and a row claimed by a node that died
/// is claimed again once its lease has run out.
/// </summary>
public interface IMessageStore
{
    /// <summary>Claims up to <paramref name="max"/> unsent messages whose lease is free or has run out, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(string node, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct = default);

    /// <summary>Records that the broker confirmed these messages.</summary>
    Task MarkOutboxSentAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset sentAt, CancellationToken ct = default);

    /// <summary>Gives claims back early (the broker refused), so that any node may retry them at once.</summary>
    Task ReleaseOutboxAsync(IReadOnlyCollection<Guid> ids, string error, CancellationToken ct = default);

    Task<int> CountUnsentOutboxAsync(CancellationToken ct = default);

    Task<bool> InboxContainsAsync(Guid messageId, CancellationToken ct = default);
}
