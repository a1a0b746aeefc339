namespace ConsultFlow.Server.Tests.EndToEnd;

public sealed class SqliteBadInputEndToEndTests(SqliteLoopbackServer server) : BadInputEndToEndTests(server), IClassFixture<SqliteLoopbackServer>;
