namespace ConsultFlow.Engine.Persistence.EntityFramework;

public enum PersistenceProvider
{
    /// <summary>A single file next to the application: development, small single-node deployments.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server: production, several nodes sharing one database.</summary>
    Postgres,
}
