using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Engine.Tests.Persistence;

public sealed class SqliteInstanceStoreTests() : InstanceStoreTests(PersistenceProvider.Sqlite, postgres: null);
