using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.Attachments;

public sealed class SqliteAttachmentsMigrationTests() : AttachmentsMigrationTests(PersistenceProvider.Sqlite, null);
