using Microsoft.Data.Sqlite;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>Which database the engine keeps its state in.</summary>
public sealed record PersistenceOptions(PersistenceProvider Provider, string ConnectionString)
{
    /// <summary>The folder, under the content root, that holds the default SQLite database.</summary>
    public const string AppDataFolder = "app-data";

    /// <summary>
    /// SQLite in <c>app-data/consultflow.db</c> under <paramref name="contentRoot"/>; creates the folder. A writer that
    /// finds the database busy waits up to <paramref name="busyTimeoutSeconds"/> instead of failing at once.
    /// </summary>
    public static PersistenceOptions SqliteUnder(string contentRoot, int busyTimeoutSeconds = 30)
    {
        var folder = Path.Combine(Path.GetFullPath(contentRoot), AppDataFolder);
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "consultflow.db"),
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
        return new PersistenceOptions(PersistenceProvider.Sqlite, connectionString);
    }
}
