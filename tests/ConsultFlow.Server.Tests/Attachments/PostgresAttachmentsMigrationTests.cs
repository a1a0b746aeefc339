using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Attachments;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAttachmentsMigrationTests(PostgresServer postgres) : AttachmentsMigrationTests(PersistenceProvider.Postgres, postgres);
