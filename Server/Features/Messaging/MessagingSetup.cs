using ConsultFlow.Engine.Evidence;
using System.Security.Authentication;
using ConsultFlow.Contracts.V1;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using MassTransit;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>Inter-agency messaging: MassTransit (in-memory or RabbitMQ), the transactional outbox relay and the inbox.</summary>
public static class MessagingSetup
{
    public static void AddConsultFlowMessaging(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        // The engine's store is also its outbox and inbox (same database, same transaction as the steps).
        // Other features may wrap the instance store (the scheduler does), so the outbox/inbox is the EF store itself.
        services.AddSingleton<IMessageStore>(sp => sp.GetRequiredService<IInstanceStore>() as IMessageStore
            ?? new EfInstanceStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetRequiredService<ChainOptions>()));
        services.AddSingleton<ErrorQueue>();
        services.AddHostedService<OutboxRelay>();

        var consumers = MessageTypes.All.Select(t => typeof(EngineMessageConsumer<>).MakeGenericType(t)).ToList();
        services.AddMassTransit(bus =>
        {
            // No outbound calls except the configured servers: MassTransit 8.5 reports usage to its vendor unless told not to.
            bus.DisableUsageTelemetry();
            foreach (var consumer in consumers) bus.AddConsumer(consumer);
            if (options.UsesRabbitMq)
            {
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(options.Host, (ushort)options.Port, options.VirtualHost, $"consultflow:{options.Node}", host =>
                    {
                        host.Username(options.UserName);
                        host.Password(options.Password);
                        host.PublisherConfirmation = true;
                        if (options.UseTls)
                            host.UseSsl(tls =>
                            {
                                tls.ServerName = options.TlsServerName ?? options.Host;
                                tls.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                            });
                    });
                    rabbit.ReceiveEndpoint(Queues.Engine, endpoint =>
                    {
                        // Agencies send to this queue by name; it is not bound to the event exchanges, so ConsultFlow
                        // never consumes its own published events.
                        endpoint.ConfigureConsumeTopology = false;
                        endpoint.PrefetchCount = options.PrefetchCount;
                        endpoint.UseMessageRetry(retry => retry.Incremental(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)));
                        foreach (var consumer in consumers) endpoint.ConfigureConsumer(context, consumer);
                    });
                });
            }
            else
            {
                bus.UsingInMemory((context, memory) =>
                    memory.ReceiveEndpoint(Queues.Engine, endpoint =>
                    {
                        endpoint.ConfigureConsumeTopology = false;
                        endpoint.UseMessageRetry(retry => retry.Incremental(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)));
                        foreach (var consumer in consumers) endpoint.ConfigureConsumer(context, consumer);
                    }));
            }
        });
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(10);
        });
    }

    /// <summary>Runs after the databases are migrated and before the server takes requests.</summary>
    public static Task PrepareMessagingAsync(this IServiceProvider services) => Task.CompletedTask;

    public static void MapMessagingEndpoints(this IEndpointRouteBuilder app) => app.MapMessagingEndpointsCore();
}
