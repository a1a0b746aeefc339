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

namespace ConsultFlow.Workflows.Tests.Infrastructure;

/// <summary>
/// The engine with every shipped workflow published under a shipped deployment profile, on the in-memory store and a
/// manual clock: the domain scenarios drive it the way agencies would, task by task.
/// </summary>
public sealed class DomainHarness
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();

    private DomainHarness(string profileName)
    {
        Clock = new ManualClock(DefaultStart);
        Profile = ProfileLoader.Load(Path.Combine(RepositoryRoot, "Workflows", "profiles"), profileName);
        Deadlines = new DeadlineCalculator(Calendar);
        Instances = new InMemoryInstanceStore();
        Registry = new ActivityRegistry(BuiltInActivities.Create());
        Definitions = new DefinitionService(new InMemoryDefinitionStore(), new DefinitionValidator(Registry), Clock);
        Runtime = new WorkflowRuntime(Instances, Definitions, Registry, Clock, new JsonLogicEvaluator(), new EngineEnvironment(Profile, Deadlines));
    }

    public ManualClock Clock { get; }
    public DeploymentProfile Profile { get; }
    public DeadlineCalculator Deadlines { get; }
    public InMemoryInstanceStore Instances { get; }
    public ActivityRegistry Registry { get; }
    public DefinitionService Definitions { get; }
    public WorkflowRuntime Runtime { get; }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Publishes every definition in Workflows/ (not the profiles) and returns the harness.</summary>
    public static async Task<DomainHarness> CreateAsync(string profile = "default")
    {
        var harness = new DomainHarness(profile);
        var folder = Path.Combine(RepositoryRoot, "Workflows");
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetRelativePath(folder, file).Replace('\\', '/').StartsWith("profiles/", StringComparison.Ordinal)) continue;
            await harness.Definitions.EnsurePublishedAsync(WorkflowJson.ParseDefinition(await File.ReadAllTextAsync(file)));
        }
        return harness;
    }

    public static Actor User(string agency, string role) => new($"{agency}-{role}", agency, role);

    public Task<InstanceResult> StartAsync(string definitionId, string inputJson, string? caseKey = null, Actor? by = null) =>
        Runtime.StartAsync(new StartWorkflow(definitionId, JsonNode.Parse(inputJson)!.AsObject()) { CorrelationKey = caseKey },
            by ?? User(Agencies.MarketRegulation, Agencies.Roles.Staff));

    public async Task<IReadOnlyList<HumanTask>> OpenTasksAsync(Guid instanceId) =>
        await Instances.ListTasksAsync(new TaskQuery { InstanceId = instanceId, Status = HumanTaskStatus.Open });

    /// <summary>The one open task of an activity (fails if there is none or several).</summary>
    public async Task<HumanTask> TaskAsync(Guid instanceId, string activityId, string? agency = null)
    {
        var open = (await OpenTasksAsync(instanceId)).Where(t => t.ActivityId == activityId && (agency is null || t.AssigneeAgency == agency)).ToList();
        open.Should().ContainSingle($"exactly one open '{activityId}' task{(agency is null ? "" : $" for {agency}")} is expected; open tasks: " +
            string.Join(", ", (await OpenTasksAsync(instanceId)).Select(t => $"{t.ActivityId}@{t.AssigneeAgency}")));
        return open[0];
    }

    /// <summary>Completes a task as a user of its assignee agency and role.</summary>
    public Task<InstanceResult> CompleteAsync(HumanTask task, string outcome, string? dataJson = null) =>
        Runtime.CompleteTaskAsync(task.Id, new TaskCompletion(outcome, dataJson is null ? null : JsonNode.Parse(dataJson)!.AsObject()),
            User(task.AssigneeAgency, task.AssigneeRole));

    /// <summary>Completes the one open task of an activity.</summary>
    public async Task<InstanceResult> CompleteAsync(Guid instanceId, string activityId, string outcome, string? dataJson = null, string? agency = null) =>
        await CompleteAsync(await TaskAsync(instanceId, activityId, agency), outcome, dataJson);

    /// <summary>Moves the clock and fires whatever timers fell due.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Runtime.FireDueTimersAsync();
    }

    public async Task<WorkflowState> StateAsync(Guid instanceId) => (await Instances.LoadAsync(instanceId))!.State;

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(Guid instanceId) => Instances.GetJournalAsync(instanceId);

    /// <summary>The alerts an instance raised, from its journal.</summary>
    public async Task<IReadOnlyList<JsonObject>> AlertsAsync(Guid instanceId) =>
        (await JournalAsync(instanceId)).Where(e => e.Kind == JournalKind.AlertRaised).Select(e => e.Data!.AsObject()).ToList();

    // From the test binaries, or (when built elsewhere with --artifacts-path) from where this file was compiled.
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsultFlow.sln"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new InvalidOperationException("Run the tests inside the repository (ConsultFlow.sln not found).");
    }
}
