namespace ConsultFlow.Server.Features.Messaging;

/// <summary>
/// <c>ConsultFlow:Messaging</c>: which transport carries the messages between agencies, and how this node relays the
/// outbox. In memory by default (one node, nothing leaves the process); RabbitMQ for real deployments and several nodes.
/// </summary>
public sealed record MessagingOptions
{
    public const string Section = "ConsultFlow:Messaging";

    /// <summary>"InMemory" (default) or "RabbitMq".</summary>
    public string Transport { get; init; } = "InMemory";
    public string Host { get; init; } = "localhost";
    public int Port { get; init; } = 5672;
    public string VirtualHost { get; init; } = "/";
    public string UserName { get; init; } = "guest";
    public string Password { get; init; } = "guest";
    public bool UseTls { get; init; }
    /// <summary>The name the broker's certificate carries, when it differs from <see cref="Host"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Directory codes of the agencies that run a system of their own; the others do their steps in the web UI.</summary>
    public string[] AgencySystems { get; init; } = [];

    /// <summary>This node's name in outbox claims; by default host name and process id.</summary>
    public string? NodeName { get; init; }
    /// <summary>How long an outbox claim holds: a node that dies leaves its claimed rows to others after this.</summary>
    public double LeaseSeconds { get; init; } = 30;
    /// <summary>How often the relay looks for unsent outbox rows when it found none.</summary>
    public double RelayPollMilliseconds { get; init; } = 200;
    public int RelayBatchSize { get; init; } = 50;
    /// <summary>How often this node delivers resumes owed between instances (any node may).</summary>
    public double OwedResumeSeconds { get; init; } = 2;
    /// <summary>Redeliveries of a message that fails before it goes to the error queue.</summary>
    public int RetryLimit { get; init; } = 5;
    public int PrefetchCount { get; init; } = 16;

    public bool UsesRabbitMq => Transport.Equals("RabbitMq", StringComparison.OrdinalIgnoreCase)
        || Transport.Equals("RabbitMQ", StringComparison.OrdinalIgnoreCase);

    public string Node => string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : NodeName;

    public bool HasOwnSystem(string agency) => AgencySystems.Contains(agency, StringComparer.Ordinal);
}
