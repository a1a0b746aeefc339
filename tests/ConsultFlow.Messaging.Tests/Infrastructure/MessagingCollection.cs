namespace ConsultFlow.Messaging.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL and one RabbitMQ for all messaging tests. They run one after another: each starts several server
/// processes, and the machine they run on has two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MessagingCollection : ICollectionFixture<PostgresServer>, ICollectionFixture<RabbitBroker>
{
    public const string Name = "Messaging";
}
