using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Audit;

public sealed class SqliteAuditMigrationTests() : AuditMigrationTests(PersistenceProvider.Sqlite, null);
