using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;

namespace ConsultFlow.Engine.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrencyTests(PostgresServer server) : ConcurrencyTests(PersistenceProvider.Postgres, server);
