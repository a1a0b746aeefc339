using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Human;

/// <summary>Raises an alert to the roles it names (e.g. after a statutory timer ran out) and carries on.</summary>
public sealed class RaiseAlert : Activity<RaiseAlert.Inputs>
{
    public sealed record Inputs(AlertLevel Level, IReadOnlyList<AlertRecipient> Notify, string Message, string? LegalBasis);

    public override ActivityDescriptor Descriptor { get; } = new(
        "RaiseAlert", T("预警提醒", "Raise alert"), T("向指定单位角色发出黄灯或红灯预警，不改变办理结果。", "Alerts the named roles; decides nothing."),
        Categories.Human,
        [
            new("level", InputKind.Choice, T("级别", "Level")) { Default = "red", Choices = ["yellow", "red"] },
            new("notify", InputKind.Json, T("提醒对象", "Notify")) { Required = true, Help = T("[{\"agency\": …, \"role\": …}]", "[{\"agency\": …, \"role\": …}]") },
            new("message", InputKind.Text, T("提醒内容", "Message")) { Required = true },
            new("legalBasis", InputKind.Text, T("法律依据", "Legal basis")),
        ],
        [Outcomes.Done]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        context.RaiseAlert(new Alert(inputs.Level, inputs.Notify, inputs.Message) { LegalBasis = inputs.LegalBasis });
        return new(ActivityResult.Done());
    }
}
