using System.Text.Json;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Persistence.InMemory;

/// <summary>Definition versions in process memory, for unit tests and benchmarks.</summary>
public sealed class InMemoryDefinitionStore : IDefinitionStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Id, int Version), DefinitionRecord> records = [];

    public Task<DefinitionRecord?> GetAsync(string definitionId, int version, CancellationToken ct = default)
    {
        lock (gate) return Task.FromResult(records.GetValueOrDefault((definitionId, version)));
    }

    public Task<IReadOnlyList<DefinitionRecord>> ListVersionsAsync(string definitionId, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<DefinitionRecord>>(records.Values.Where(r => r.DefinitionId == definitionId).OrderBy(r => r.Version).ToList());
    }

    public Task<IReadOnlyList<DefinitionRecord>> ListLatestAsync(CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<DefinitionRecord>>(records.Values.GroupBy(r => r.DefinitionId)
                .Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.DefinitionId).ToList());
    }

    public Task<DefinitionRecord> SaveAsync(DefinitionRecord record, long? expectedRevision, CancellationToken ct = default)
    {
        lock (gate)
        {
            var key = (record.DefinitionId, record.Version);
            var exists = records.TryGetValue(key, out var stored);
            if (expectedRevision is null ? exists : !exists || stored!.Revision != expectedRevision)
                throw new ConcurrencyConflictException($"{record.DefinitionId} v{record.Version} was changed meanwhile.");
            // Round-trip the definition so callers cannot alter what is stored.
            var copy = JsonSerializer.Deserialize<WorkflowDefinition>(JsonSerializer.Serialize(record.Definition, WorkflowJson.Options), WorkflowJson.Options)!;
            var saved = record with { Definition = copy, Revision = (expectedRevision ?? 0) + 1 };
            records[key] = saved;
            return Task.FromResult(saved);
        }
    }
}
