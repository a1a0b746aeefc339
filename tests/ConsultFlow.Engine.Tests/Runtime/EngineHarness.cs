using System.Text.Json.Nodes;
using ConsultFlow.Activities;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.InMemory;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Engine.Validation;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>An engine wired by hand over the given stores (in memory by default) and a manual clock.</summary>
public sealed class EngineHarness
{
    /// <summary>Monday 2026-03-02 09:00 in Beijing: a plain working week.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public EngineHarness(IInstanceStore? instances = null, IDefinitionStore? definitions = null, IEnumerable<Activity>? extraActivities = null,
        DeploymentProfile? profile = null)
    {
        Clock = new ManualClock(DefaultStart);
        Instances = instances ?? new InMemoryInstanceStore();
        Deadlines = new DeadlineCalculator(SharedCalendar);
        Registry = new ActivityRegistry(BuiltInActivities.Create().Concat(extraActivities ?? []));
        Definitions = new DefinitionService(definitions ?? new InMemoryDefinitionStore(), new DefinitionValidator(Registry), Clock);
        Runtime = new WorkflowRuntime(Instances, Definitions, Registry, Clock, new JsonLogicEvaluator(),
            new EngineEnvironment(profile ?? DeploymentProfile.Empty, Deadlines));
    }

    /// <summary>The shipped calendar, loaded once for all tests.</summary>
    public static WorkingDayCalendar SharedCalendar { get; } = WorkingDayCalendar.LoadEmbedded();

    public ManualClock Clock { get; }
    public IInstanceStore Instances { get; }
    public DeadlineCalculator Deadlines { get; }
    public ActivityRegistry Registry { get; }
    public DefinitionService Definitions { get; }
    public WorkflowRuntime Runtime { get; }

    public static readonly Actor Alice = new("alice", "scjg", "staff");
    public static readonly Actor Bob = new("bob", "sfj", "coordinator");

    public async Task<DefinitionRecord> PublishAsync(string json)
    {
        var draft = await Definitions.SaveDraftAsync(WorkflowJson.ParseDefinition(json));
        return await Definitions.PublishAsync(draft.DefinitionId, draft.Version);
    }

    public Task<InstanceResult> StartAsync(string definitionId, string? inputJson = null, string? key = null) =>
        Runtime.StartAsync(new StartWorkflow(definitionId, inputJson is null ? null : JsonNode.Parse(inputJson)!.AsObject()), Alice, key);

    public async Task<IReadOnlyList<HumanTask>> OpenTasksAsync(Guid instanceId) =>
        await Instances.ListTasksAsync(new TaskQuery { InstanceId = instanceId, Status = HumanTaskStatus.Open });

    public async Task<HumanTask> OpenTaskAsync(Guid instanceId, string activityId) =>
        (await OpenTasksAsync(instanceId)).Single(t => t.ActivityId == activityId);

    public Task<InstanceResult> CompleteAsync(HumanTask task, string outcome, string? dataJson = null, Actor? actor = null, string? key = null) =>
        Runtime.CompleteTaskAsync(task.Id, new TaskCompletion(outcome, dataJson is null ? null : JsonNode.Parse(dataJson)!.AsObject()), actor ?? Alice, key);

    public async Task<WorkflowState> StateAsync(Guid instanceId) => (await Instances.LoadAsync(instanceId))!.State;

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(Guid instanceId) => Instances.GetJournalAsync(instanceId);
}
