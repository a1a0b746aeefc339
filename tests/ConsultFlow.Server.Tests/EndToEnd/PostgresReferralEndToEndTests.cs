
namespace ConsultFlow.Server.Tests.EndToEnd;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReferralEndToEndTests(PostgresLoopbackServer server) : ReferralEndToEndTests(server), IClassFixture<PostgresLoopbackServer>;
