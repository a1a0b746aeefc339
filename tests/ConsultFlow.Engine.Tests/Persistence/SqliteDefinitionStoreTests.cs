using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Engine.Tests.Persistence;

public sealed class SqliteDefinitionStoreTests() : DefinitionStoreTests(PersistenceProvider.Sqlite, postgres: null);
