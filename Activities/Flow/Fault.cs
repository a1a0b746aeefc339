using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Stops the instance with an incident on purpose (a state the process should never reach).</summary>
public sealed class Fault : Activity<Fault.Inputs>
{
    public sealed record Inputs(string Message);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Fault", T("故障", "Fault"), T("以故障结束流程并记录原因。", "Faults the instance with a message."), Categories.Flow,
        [new("message", InputKind.Text, T("原因", "Message")) { Required = true }], []);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs) =>
        throw new WorkflowFaultException(inputs.Message);
}
