using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Workflows.Tests.Infrastructure;

/// <summary>Every shipped definition publishes under every shipped profile.</summary>
public sealed class ShippedWorkflowTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("chuxiong")]
    [InlineData("chongqing")]
    [InlineData("ningxia-working-days")]
    public async Task Every_workflow_publishes_under_the_profile(string profile)
    {
        var harness = await DomainHarness.CreateAsync(profile);

        var published = await harness.Definitions.ListLatestAsync();

        published.Should().NotBeEmpty();
        published.Should().OnlyContain(d => d.Status == DefinitionStatus.Published);
    }
}
