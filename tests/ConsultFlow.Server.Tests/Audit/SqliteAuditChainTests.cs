using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Audit;

public sealed class SqliteAuditChainTests() : AuditChainTests(PersistenceProvider.Sqlite, null);
