using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Profiles;

namespace ConsultFlow.Engine.Runtime;

/// <summary>The deployment an engine runs in: its profile and its statutory calendar.</summary>
public sealed class EngineEnvironment(DeploymentProfile profile, DeadlineCalculator deadlines)
{
    public DeploymentProfile Profile { get; } = profile;
    public DeadlineCalculator Deadlines { get; } = deadlines;
    public StepLimits Limits { get; init; } = StepLimits.Default;

    /// <summary>The profile as expressions see it, serialized once.</summary>
    internal JsonObject ProfileJson { get; } = (JsonObject)JsonSerializer.SerializeToNode(profile, WorkflowJson.Options)!;
}
