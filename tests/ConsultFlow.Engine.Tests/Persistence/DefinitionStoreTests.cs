using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;
using static ConsultFlow.Engine.Tests.Persistence.TestData;

namespace ConsultFlow.Engine.Tests.Persistence;

/// <summary><see cref="EfDefinitionStore"/> against a real database; run once per provider by the subclasses.</summary>
public abstract class DefinitionStoreTests(PersistenceProvider provider, PostgresServer? postgres) : StoreTestBase(provider, postgres)
{
    private static DefinitionRecord Draft(string id, int version) =>
        new(id, version, DefinitionStatus.Draft, Definition(id, version), T0, T0, null, null);

    [Fact]
    public async Task A_new_version_is_stored_at_revision_one_and_read_back()
    {
        var saved = await Definitions.SaveAsync(Draft("consultation", 1), expectedRevision: null);

        saved.Revision.Should().Be(1);
        var loaded = await Definitions.GetAsync("consultation", 1);
        loaded.Should().NotBeNull();
        loaded!.Revision.Should().Be(1);
        WorkflowJson.Serialize(loaded.Definition).Should().Be(WorkflowJson.Serialize(saved.Definition));
        loaded.Should().BeEquivalentTo(saved, o => o.Excluding(r => r.Definition));
        (await Definitions.GetAsync("consultation", 2)).Should().BeNull();
    }

    [Fact]
    public async Task Updates_check_the_revision()
    {
        var draft = await Definitions.SaveAsync(Draft("consultation", 1), null);

        var published = await Definitions.SaveAsync(
            draft with { Status = DefinitionStatus.Published, PublishedAt = T0.AddDays(1), UpdatedAt = T0.AddDays(1) }, draft.Revision);
        var stale = () => Definitions.SaveAsync(draft with { Definition = Definition("consultation", 1, "改名") }, draft.Revision);

        published.Revision.Should().Be(2);
        await stale.Should().ThrowAsync<ConcurrencyConflictException>();
        var stored = (await Definitions.GetAsync("consultation", 1))!;
        stored.Status.Should().Be(DefinitionStatus.Published);
        stored.PublishedAt.Should().Be(T0.AddDays(1));
        stored.Definition.Name.Should().Be("征求意见流程");
        stored.Revision.Should().Be(2);
    }

    [Fact]
    public async Task Inserting_an_existing_version_conflicts()
    {
        await Definitions.SaveAsync(Draft("consultation", 1), null);

        var act = () => Definitions.SaveAsync(Draft("consultation", 1), null);
        var missing = () => Definitions.SaveAsync(Draft("consultation", 9), expectedRevision: 1);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        await missing.Should().ThrowAsync<ConcurrencyConflictException>();
    }

    [Fact]
    public async Task Versions_are_listed_oldest_first_and_latest_per_definition()
    {
        foreach (var (id, version) in new[] { ("consultation", 2), ("filing", 1), ("consultation", 1), ("consultation", 3) })
        {
            await Definitions.SaveAsync(Draft(id, version), null);
        }

        (await Definitions.ListVersionsAsync("consultation")).Select(r => r.Version).Should().Equal(1, 2, 3);
        (await Definitions.ListVersionsAsync("unknown")).Should().BeEmpty();
        (await Definitions.ListLatestAsync()).Select(r => (r.DefinitionId, r.Version))
            .Should().Equal(("consultation", 3), ("filing", 1));
    }
}
