using ConsultFlow.Activities.Composition;
using ConsultFlow.Activities.Flow;
using ConsultFlow.Activities.Human;
using ConsultFlow.Activities.Messaging;
using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Activities;

/// <summary>The general-purpose activity types every deployment has.</summary>
public static class BuiltInActivities
{
    public static IReadOnlyList<Activity> Create() =>
    [
        new Start(), new End(), new Decision(), new Switch(), new Fork(), new Join(), new ParallelForEach(), new SetVariable(),
        new Fault(), new HumanTaskActivity(), new RaiseAlert(), new Timing.Timer(), new WaitForMessage(), new SendMessage(), new PublishEvent(), new SubWorkflow(),
    ];
}
