using System.Collections.Concurrent;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Validation;

namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// The lifecycle of definition versions: drafts are edited in place, publishing validates and freezes a version,
/// retracting stops new starts. Instances are pinned to the version they started on, so publishing version N+1
/// never touches a running version-N instance.
/// </summary>
public sealed class DefinitionService(IDefinitionStore store, DefinitionValidator validator, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string, int), CompiledDefinition> compiled = new();

    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) => validator.Validate(definition);

    /// <summary>Saves a draft: updates the newest version while it is a draft, otherwise opens the next version.</summary>
    public async Task<DefinitionRecord> SaveDraftAsync(WorkflowDefinition definition, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var versions = await store.ListVersionsAsync(definition.Id, ct);
        if (versions.Count > 0 && versions[^1] is { Status: DefinitionStatus.Draft } draft)
        {
            var updated = draft with { Definition = definition with { Version = draft.Version }, UpdatedAt = now };
            return await store.SaveAsync(updated, draft.Revision, ct);
        }
        var version = versions.Count == 0 ? 1 : versions[^1].Version + 1;
        var record = new DefinitionRecord(definition.Id, version, DefinitionStatus.Draft, definition with { Version = version }, now, now, null, null);
        return await store.SaveAsync(record, null, ct);
    }

    public async Task<DefinitionRecord> PublishAsync(string definitionId, int version, CancellationToken ct = default)
    {
        var record = await GetAsync(definitionId, version, ct);
        if (record.Status != DefinitionStatus.Draft)
            throw new EngineException(EngineErrorCode.Conflict, $"{definitionId} v{version} is {record.Status}; only a draft can be published.");
        var errors = validator.Validate(record.Definition);
        if (errors.Count > 0)
            throw new EngineException(EngineErrorCode.Invalid, $"{definitionId} v{version} has {errors.Count} problem(s) and cannot be published.",
                errors.Select(e => new FieldError(e.Path, e.Message)).ToList());
        var now = clock.GetUtcNow();
        return await store.SaveAsync(record with { Status = DefinitionStatus.Published, PublishedAt = now, UpdatedAt = now }, record.Revision, ct);
    }

    public async Task<DefinitionRecord> RetractAsync(string definitionId, int version, CancellationToken ct = default)
    {
        var record = await GetAsync(definitionId, version, ct);
        if (record.Status != DefinitionStatus.Published)
            throw new EngineException(EngineErrorCode.Conflict, $"{definitionId} v{version} is {record.Status}; only a published version can be retracted.");
        var now = clock.GetUtcNow();
        return await store.SaveAsync(record with { Status = DefinitionStatus.Retracted, RetractedAt = now, UpdatedAt = now }, record.Revision, ct);
    }

    /// <summary>
    /// Makes sure <paramref name="definition"/> is the newest published content of its id: publishes it as the next
    /// version unless the newest published version already has exactly this content. Used to seed shipped workflows.
    /// </summary>
    public async Task<DefinitionRecord> EnsurePublishedAsync(WorkflowDefinition definition, CancellationToken ct = default)
    {
        var versions = await store.ListVersionsAsync(definition.Id, ct);
        var newestPublished = versions.LastOrDefault(v => v.Status == DefinitionStatus.Published);
        if (newestPublished is not null
            && WorkflowJson.Serialize(newestPublished.Definition with { Version = 0 }) == WorkflowJson.Serialize(definition with { Version = 0 }))
            return newestPublished;
        var draft = await SaveDraftAsync(definition, ct);
        return await PublishAsync(draft.DefinitionId, draft.Version, ct);
    }

    public async Task<DefinitionRecord> GetAsync(string definitionId, int version, CancellationToken ct = default) =>
        await store.GetAsync(definitionId, version, ct)
        ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no definition {definitionId} v{version}.");

    public Task<IReadOnlyList<DefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken ct = default) =>
        store.ListVersionsAsync(definitionId, ct);

    public Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken ct = default) => store.ListLatestAsync(ct);

    /// <summary>The version a new instance starts on: the given one if published, else the newest published one.</summary>
    public async Task<CompiledDefinition> GetStartableAsync(string definitionId, int? version, CancellationToken ct = default)
    {
        DefinitionRecord record;
        if (version is { } v)
        {
            record = await GetAsync(definitionId, v, ct);
            if (record.Status != DefinitionStatus.Published)
                throw new EngineException(EngineErrorCode.Conflict, $"{definitionId} v{v} is {record.Status}; only published versions can start.");
        }
        else
        {
            var versions = await store.ListVersionsAsync(definitionId, ct);
            if (versions.Count == 0)
                throw new EngineException(EngineErrorCode.NotFound, $"There is no definition {definitionId}.");
            record = versions.LastOrDefault(r => r.Status == DefinitionStatus.Published)
                ?? throw new EngineException(EngineErrorCode.Conflict, $"{definitionId} has no published version that may start.");
        }
        return Compile(record);
    }

    /// <summary>The version a running instance is pinned to (published or since retracted, never a draft).</summary>
    public async Task<CompiledDefinition> GetCompiledAsync(string definitionId, int version, CancellationToken ct = default)
    {
        if (compiled.TryGetValue((definitionId, version), out var cached)) return cached;
        var record = await GetAsync(definitionId, version, ct);
        if (record.Status == DefinitionStatus.Draft)
            throw new InvalidOperationException($"{definitionId} v{version} is a draft; no instance can run on it.");
        return Compile(record);
    }

    // Only published and retracted versions are cached: their content never changes.
    private CompiledDefinition Compile(DefinitionRecord record) =>
        compiled.GetOrAdd((record.DefinitionId, record.Version), _ => new CompiledDefinition(record.Definition with { Version = record.Version }));
}
