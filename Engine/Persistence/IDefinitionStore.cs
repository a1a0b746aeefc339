namespace ConsultFlow.Engine.Persistence;

/// <summary>Versions of workflow definitions. Implementations: in memory and EF Core.</summary>
public interface IDefinitionStore
{
    Task<DefinitionRecord?> GetAsync(string definitionId, int version, CancellationToken ct = default);

    /// <summary>All versions of one definition, oldest first.</summary>
    Task<IReadOnlyList<DefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken ct = default);

    /// <summary>The newest version of every definition.</summary>
    Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken ct = default);

    /// <summary>Inserts a new version, or updates one whose stored revision is still <paramref name="expectedRevision"/>.</summary>
    Task<DefinitionRecord> SaveAsync(DefinitionRecord record, long? expectedRevision, CancellationToken ct = default);
}
