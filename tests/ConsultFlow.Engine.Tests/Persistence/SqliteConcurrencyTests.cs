using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Engine.Tests.Persistence;

public sealed class SqliteConcurrencyTests() : ConcurrencyTests(PersistenceProvider.Sqlite, postgres: null);
