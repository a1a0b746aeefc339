using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditChainTests(PostgresServer postgres) : AuditChainTests(PersistenceProvider.Postgres, postgres);
