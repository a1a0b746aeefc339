using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;

namespace ConsultFlow.Engine.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresInstanceStoreTests(PostgresServer server) : InstanceStoreTests(PersistenceProvider.Postgres, server);
