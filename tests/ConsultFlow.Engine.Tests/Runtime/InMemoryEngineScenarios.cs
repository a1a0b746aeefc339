namespace ConsultFlow.Engine.Tests.Runtime;

public sealed class InMemoryEngineScenarios : EngineScenarios
{
    protected override Task<EngineHarness> CreateAsync() => Task.FromResult(new EngineHarness());
}
