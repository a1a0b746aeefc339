using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Tests.Infrastructure;

namespace ConsultFlow.Server.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditMigrationTests(PostgresServer postgres) : AuditMigrationTests(PersistenceProvider.Postgres, postgres);
