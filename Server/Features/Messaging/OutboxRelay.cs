using ConsultFlow.Contracts.V1;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using MassTransit;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>
/// Sends what engine steps wrote to the outbox. Every node runs one: a batch is claimed with a lease (on PostgreSQL
/// with FOR UPDATE SKIP LOCKED, so two relays never hold the same row), sent with the outbox id as message id, and
/// marked sent once the broker confirmed it. A node that dies after sending but before marking leaves the row to be
/// sent again when its lease runs out: receivers drop the second copy by its message id. The relay also delivers
/// resumes owed between instances, so any live node takes over what a dead one left.
/// </summary>
public sealed class OutboxRelay(IMessageStore outbox, IBus bus, WorkflowRuntime runtime, MessagingOptions options, TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(options.LeaseSeconds);
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.RelayPollMilliseconds));
        var owedEvery = TimeSpan.FromSeconds(Math.Max(0.1, options.OwedResumeSeconds));
        var nextOwed = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                if (clock.GetUtcNow() >= nextOwed)
                {
                    nextOwed = clock.GetUtcNow() + owedEvery;
                    await runtime.ProcessPendingResumesAsync(stoppingToken);
                }
                sent = await RelayBatchAsync(lease, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; trying again shortly.");
                sent = 0;
                await Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            if (sent == 0) await Delay(idle, stoppingToken);
        }
    }

    /// <summary>Claims and sends one batch; returns how many rows it handled.</summary>
    public async Task<int> RelayBatchAsync(TimeSpan lease, CancellationToken ct)
    {
        var batch = await outbox.ClaimOutboxAsync(options.Node, clock.GetUtcNow(), lease, options.RelayBatchSize, ct);
        if (batch.Count == 0) return 0;
        var done = new List<Guid>(batch.Count);
        foreach (var message in batch)
        {
            try
            {
                if (message.Destination is { } agency && !options.HasOwnSystem(agency))
                {
                    // The agency works in the web UI: the step's task is theirs to do there, nobody would read this.
                    logger.LogDebug("Not sending {Type} {Id}: agency {Agency} has no system of its own.", message.MessageType, message.Id, agency);
                }
                else
                {
                    await SendAsync(message, ct);
                }
                done.Add(message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sending outbox message {Id} ({Type}) failed; it stays in the outbox.", message.Id, message.MessageType);
                await outbox.MarkOutboxSentAsync(done, clock.GetUtcNow(), ct);
                // This one and the rest of the batch go back at once rather than after the lease.
                await outbox.ReleaseOutboxAsync(batch.Select(m => m.Id).Except(done).ToList(), ex.Message, ct);
                return done.Count;
            }
        }
        await outbox.MarkOutboxSentAsync(done, clock.GetUtcNow(), ct);
        return done.Count;
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var contract = ContractJson.ToContract(message.MessageType, message.PayloadJson);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        void Stamp(SendContext context)
        {
            context.MessageId = message.Id;
            context.CorrelationId = message.InstanceId;
            context.Durable = true;
            context.Headers.Set("ConsultFlow-Step", message.ActivityId);
        }
        if (message.Destination is { } agency)
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{Queues.Agency(agency)}"));
            await endpoint.Send(contract, contract.GetType(), Pipe.Execute<SendContext>(Stamp), timeout.Token);
        }
        else
        {
            await bus.Publish(contract, contract.GetType(), Pipe.Execute<PublishContext>(Stamp), timeout.Token);
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, clock, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
