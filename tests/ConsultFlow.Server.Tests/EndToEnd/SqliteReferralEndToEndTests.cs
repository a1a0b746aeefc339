namespace ConsultFlow.Server.Tests.EndToEnd;

public sealed class SqliteReferralEndToEndTests(SqliteLoopbackServer server) : ReferralEndToEndTests(server), IClassFixture<SqliteLoopbackServer>;
