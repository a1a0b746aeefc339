using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Evidence;

public sealed class SqliteEvidenceTests() : EvidenceTests(PersistenceProvider.Sqlite, null);
