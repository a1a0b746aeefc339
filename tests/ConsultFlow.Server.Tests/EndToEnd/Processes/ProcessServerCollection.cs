namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>
/// The shipped processes' end-to-end tests share one real server on SQLite (demo district loaded once): each test
/// starts its own cases, so they do not disturb each other, and one server keeps the suite fast.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessServerCollection : ICollectionFixture<SqliteLoopbackServer>
{
    public const string Name = "Shipped processes over HTTP (SQLite)";
}
