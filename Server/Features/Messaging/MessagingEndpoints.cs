using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>
/// Administrators' view of messaging: the outbox backlog, the error queue (poison messages) and replaying one of them.
/// </summary>
public static class MessagingEndpoints
{
    public sealed record MessagingStatus(string Transport, string Node, int UnsentOutbox, IReadOnlyList<string> AgencySystems);

    public sealed record ReplayResult(string MessageId, bool Replayed);

    public static void MapMessagingEndpointsCore(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/messaging").WithTags("Messaging").RequireAuthorization(Policies.Administrator);

        group.MapGet("/status", async (IMessageStore outbox, MessagingOptions options, CancellationToken ct) =>
            new MessagingStatus(options.UsesRabbitMq ? "RabbitMq" : "InMemory", options.Node,
                await outbox.CountUnsentOutboxAsync(ct), options.AgencySystems));

        group.MapGet("/errors", async (ErrorQueue errors, MessagingOptions options, CancellationToken ct) =>
        {
            RequireBroker(options);
            return await errors.ListAsync(ct);
        });

        group.MapPost("/errors/{messageId}/replay", async (string messageId, ErrorQueue errors, MessagingOptions options, CancellationToken ct) =>
        {
            RequireBroker(options);
            if (!Guid.TryParse(messageId, out _))
                throw new EngineException(EngineErrorCode.Invalid, "Not a message id.", [new FieldError("messageId", "A message id is a GUID.")]);
            return await errors.ReplayAsync(messageId, ct)
                ? new ReplayResult(messageId, true)
                : throw new EngineException(EngineErrorCode.NotFound, $"The error queue holds no message {messageId}.");
        });
    }

    private static void RequireBroker(MessagingOptions options)
    {
        if (!options.UsesRabbitMq)
            throw new EngineException(EngineErrorCode.Conflict,
                "消息在内存中传输时没有错误队列；请配置 RabbitMQ。 The in-memory transport keeps no error queue: configure RabbitMQ.");
    }
}
