
namespace ConsultFlow.Server.Tests.EndToEnd;

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsultationEndToEndTests(PostgresLoopbackServer server) : ConsultationEndToEndTests(server), IClassFixture<PostgresLoopbackServer>;
