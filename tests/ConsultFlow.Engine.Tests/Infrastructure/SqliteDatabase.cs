using Microsoft.Data.Sqlite;

namespace ConsultFlow.Engine.Tests.Infrastructure;

/// <summary>A SQLite database in a temporary file (a real file, so WAL and several connections behave as in production).</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("consultflow-sqlite-").FullName;

    public SqliteDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory, "test.db"),
            DefaultTimeout = 30,
        }.ToString();
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; let them go before deleting it.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        Directory.Delete(_directory, recursive: true);
    }
}
