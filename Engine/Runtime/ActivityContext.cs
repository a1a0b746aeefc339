using System.Text.Json.Nodes;
using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Runtime;

/// <summary>What an executing activity may see and do. Variable writes take effect only if the activity succeeds.</summary>
public sealed class ActivityContext
{
    private readonly RunContext run;
    private readonly JsonLogicEvaluator evaluator;
    private readonly Dictionary<string, JsonNode?> pendingVariables = new(StringComparer.Ordinal);
    private readonly List<Persistence.OutboxMessage> pendingMessages = [];

    internal ActivityContext(RunContext run, JsonLogicEvaluator evaluator, ActivityNode node, ScheduledWork work)
    {
        this.run = run;
        this.evaluator = evaluator;
        Node = node;
        Work = work;
    }

    public ActivityNode Node { get; }
    internal ScheduledWork Work { get; }
    public Guid InstanceId => run.State.InstanceId;
    public string DefinitionId => run.State.DefinitionId;
    public string ActivityId => Node.Id;
    public Guid ExecutionId => Work.ExecutionId;
    public Guid? ScopeId => Work.ScopeId;
    public DateTimeOffset Now => run.Now;
    public Actor Actor => run.Actor;
    public string? CorrelationKey => run.State.CorrelationKey;
    public DeploymentProfile Profile => run.Environment.Profile;
    public DeadlineCalculator Deadlines => run.Environment.Deadlines;
    internal IReadOnlyDictionary<string, JsonNode?> PendingVariables => pendingVariables;
    internal IReadOnlyList<Persistence.OutboxMessage> PendingMessages => pendingMessages;
    internal JsonNode? WorkflowOutput { get; private set; }

    /// <summary>Evaluates a JSON Logic rule over the instance's data as this activity sees it.</summary>
    public JsonNode? Evaluate(JsonNode? rule, JsonObject? extra = null)
    {
        var data = ExpressionData.For(run, ScopeId, pendingVariables);
        if (extra is not null)
            foreach (var (key, value) in extra)
                data[key] = value?.DeepClone();
        return evaluator.Evaluate(rule, data);
    }

    public bool IsTrue(JsonNode? rule, JsonObject? extra = null) => JsonLogicEvaluator.IsTruthy(Evaluate(rule, extra));

    public JsonNode? GetVariable(string name) =>
        pendingVariables.TryGetValue(name, out var pending) ? pending : run.State.Variables[name];

    /// <summary>Sets a declared variable; the value must fit the variable's declared type.</summary>
    public void SetVariable(string name, JsonNode? value)
    {
        var declared = run.Definition.Definition.Variables.FirstOrDefault(v => v.Name == name)
            ?? throw new InvalidOperationException($"Variable '{name}' is not declared by {DefinitionId}.");
        if (!ValueKinds.Accepts(declared.Type, value))
            throw new InvalidOperationException($"Variable '{name}' is of type {declared.Type}; the value {value?.ToJsonString() ?? "null"} does not fit.");
        pendingVariables[name] = value?.DeepClone();
    }

    /// <summary>Adds a line to the instance's journal (e.g. why a decision went one way).</summary>
    public void Note(string message, JsonNode? data = null) =>
        run.Journal(JournalKind.ActivityCompleted, Node.Id, Node.Type, ExecutionId, message, data);

    /// <summary>Journals an alert for the people it names; it decides nothing by itself.</summary>
    public void RaiseAlert(Alert alert) =>
        run.Journal(JournalKind.AlertRaised, Node.Id, Node.Type, ExecutionId, alert.Message,
            System.Text.Json.JsonSerializer.SerializeToNode(alert, WorkflowJson.Options));

    /// <summary>Computes a due time from a period on the deployment's calendar and deadline rules.</summary>
    public Deadline DueFrom(DateTimeOffset start, Period period, string? legalBasis, string? region = null) =>
        Deadlines.Compute(start, period, new DeadlineOptions(region ?? Profile.Region, legalBasis));

    /// <summary>
    /// Queues a message into the transactional outbox: it is written with this step and sent after the step committed,
    /// and only if the activity succeeds (like variable writes). Returns the message's id.
    /// </summary>
    /// <param name="destination">The receiving agency's code, or null to publish an event to every subscriber.</param>
    public Guid SendMessage(string messageType, string? destination, JsonObject payload)
    {
        var id = Guid.NewGuid();
        pendingMessages.Add(new Persistence.OutboxMessage(id, InstanceId, ActivityId, messageType, destination, payload.ToJsonString(), Now));
        return id;
    }

    /// <summary>Sets the instance's output (an End activity does this).</summary>
    public void SetWorkflowOutput(JsonNode? output) => WorkflowOutput = output?.DeepClone();

    /// <summary>
    /// Starts a child instance inside this step's transaction. With <paramref name="bookmarkId"/> the child resumes
    /// that bookmark of this instance when it completes. Call it last: a fault after it would start the child twice.
    /// </summary>
    public async Task<Guid> StartChildAsync(ChildStart start, Guid? bookmarkId)
    {
        var startChild = run.StartChild ?? throw new InvalidOperationException("Child workflows cannot be started here.");
        return await startChild(start, bookmarkId is { } id ? new ParentLink(InstanceId, id) : null);
    }
}
