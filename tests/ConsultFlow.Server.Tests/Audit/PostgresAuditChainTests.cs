using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Tests.Infrastructure;

namespace ConsultFlow.Server.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditChainTests(PostgresServer postgres) : AuditChainTests(PersistenceProvider.Postgres, postgres);
