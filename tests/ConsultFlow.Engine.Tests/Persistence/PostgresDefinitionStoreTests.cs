using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;

namespace ConsultFlow.Engine.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDefinitionStoreTests(PostgresServer server) : DefinitionStoreTests(PersistenceProvider.Postgres, server);
