using ConsultFlow.Workflows.Tests.Infrastructure;

namespace ConsultFlow.Workflows.Tests.Consultation;

public sealed class PublishingTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("chuxiong")]
    [InlineData("chongqing")]
    [InlineData("ningxia-working-days")]
    public async Task The_consultation_workflows_are_published_under_every_profile(string profile)
    {
        var h = await DomainHarness.CreateAsync(profile);

        var latest = await h.Definitions.ListLatestAsync();

        latest.Select(d => d.Definition.Id).Should().Contain(new[] { "consultation", "task-decomposition", "joint-consultation", "topic-consultation" });
    }
}
