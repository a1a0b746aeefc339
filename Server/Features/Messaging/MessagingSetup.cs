namespace ConsultFlow.Server.Features.Messaging;

/// <summary>Inter-agency messaging: MassTransit (in-memory or RabbitMQ), the transactional outbox relay and the inbox.</summary>
public static class MessagingSetup
{
    public static void AddConsultFlowMessaging(this WebApplicationBuilder builder) { }

    /// <summary>Runs after the databases are migrated and before the server takes requests.</summary>
    public static Task PrepareMessagingAsync(this IServiceProvider services) => Task.CompletedTask;

    public static void MapMessagingEndpoints(this IEndpointRouteBuilder app) { }
}
