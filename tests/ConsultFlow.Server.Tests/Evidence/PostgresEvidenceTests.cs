using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Evidence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEvidenceTests(PostgresServer postgres) : EvidenceTests(PersistenceProvider.Postgres, postgres);
