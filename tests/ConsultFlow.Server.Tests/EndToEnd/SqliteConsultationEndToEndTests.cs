namespace ConsultFlow.Server.Tests.EndToEnd;

public sealed class SqliteConsultationEndToEndTests(SqliteLoopbackServer server) : ConsultationEndToEndTests(server), IClassFixture<SqliteLoopbackServer>;
