using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditMigrationTests(PostgresServer postgres) : AuditMigrationTests(PersistenceProvider.Postgres, postgres);
