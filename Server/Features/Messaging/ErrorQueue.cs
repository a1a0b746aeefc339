using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Contracts.V1;
using RabbitMQ.Client;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>
/// The error queue of ConsultFlow's engine endpoint (<c>consultflow.engine_error</c>), where MassTransit moves a message
/// that failed every retry. Listing takes messages without acknowledging them and lets them go back when the channel
/// closes, so it removes nothing; replaying publishes one back to the engine queue (with broker confirmation) and only
/// then acknowledges it in the error queue, so a failure half way leaves it where it was.
/// </summary>
public sealed class ErrorQueue(MessagingOptions options)
{
    public const string Name = Queues.Engine + "_error";
    private const int MaxListed = 200;

    public async Task<IReadOnlyList<ErrorMessage>> ListAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        var listed = new List<ErrorMessage>();
        if (!await ExistsAsync(connection, ct)) return listed;
        await using var inspect = await connection.CreateChannelAsync(cancellationToken: ct);
        for (var i = 0; i < MaxListed; i++)
        {
            var result = await inspect.BasicGetAsync(Name, autoAck: false, ct);
            if (result is null) break;
            listed.Add(Describe(result));
        }
        // Closing the channel without acknowledging puts every message back.
        await inspect.CloseAsync(ct);
        return listed;
    }

    /// <summary>Sends the message back to the engine queue; false when the error queue holds no such message.</summary>
    public async Task<bool> ReplayAsync(string messageId, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        if (!await ExistsAsync(connection, ct)) return false;
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        for (var i = 0; i < MaxListed * 10; i++)
        {
            var result = await channel.BasicGetAsync(Name, autoAck: false, ct);
            if (result is null) break;
            if (result.BasicProperties.MessageId != messageId) continue;
            var properties = new BasicProperties(result.BasicProperties)
            {
                Headers = result.BasicProperties.Headers?
                    .Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.Ordinal) && !h.Key.StartsWith("MT-Reason", StringComparison.Ordinal))
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            // The default exchange routes by queue name: straight back to the engine queue, whoever consumes it.
            await channel.BasicPublishAsync("", Queues.Engine, mandatory: true, properties, result.Body, ct);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, ct);
            await channel.CloseAsync(ct);
            return true;
        }
        await channel.CloseAsync(ct);
        return false;
    }

    private static async Task<bool> ExistsAsync(IConnection connection, CancellationToken ct)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await probe.QueueDeclarePassiveAsync(Name, ct);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false; // nothing ever failed: MassTransit creates the queue with the first fault
        }
    }

    private static ErrorMessage Describe(BasicGetResult result)
    {
        var headers = result.BasicProperties.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, var other => other.ToString() }
            : null;
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(result.Body.Span);
        }
        catch (System.Text.Json.JsonException)
        {
            body = Convert.ToBase64String(result.Body.Span);
        }
        var type = (body as JsonObject)?["messageType"] is JsonArray { Count: > 0 } types ? types[0]?.GetValue<string>() : null;
        return new ErrorMessage(result.BasicProperties.MessageId ?? "", type?.Replace("urn:message:", ""),
            Header("MT-Fault-Message"), Header("MT-Fault-ExceptionType"), Header("MT-Fault-Timestamp"), (body as JsonObject)?["message"]?.DeepClone() ?? body);
    }

    private Task<IConnection> ConnectAsync(CancellationToken ct) =>
        new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VirtualHost,
            UserName = options.UserName,
            Password = options.Password,
            Ssl = new SslOption { Enabled = options.UseTls, ServerName = options.TlsServerName ?? options.Host },
            ClientProvidedName = $"consultflow-admin:{options.Node}",
        }.CreateConnectionAsync(ct);
}
