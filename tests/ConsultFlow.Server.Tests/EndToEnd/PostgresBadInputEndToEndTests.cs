
namespace ConsultFlow.Server.Tests.EndToEnd;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBadInputEndToEndTests(PostgresLoopbackServer server) : BadInputEndToEndTests(server), IClassFixture<PostgresLoopbackServer>;
