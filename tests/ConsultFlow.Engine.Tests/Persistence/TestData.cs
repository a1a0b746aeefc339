using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Tests.Persistence;

/// <summary>Small, valid engine records for the store tests. Times are whole microseconds, as the stores keep them.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 30, 0, TimeSpan.Zero);

    public static WorkflowState Instance(
        Guid? id = null, string definitionId = "consultation", WorkflowStatus status = WorkflowStatus.Suspended,
        string? correlationKey = null, DateTimeOffset? createdAt = null) => new()
    {
        InstanceId = id ?? Guid.NewGuid(),
        DefinitionId = definitionId,
        DefinitionVersion = 1,
        Status = status,
        CorrelationKey = correlationKey,
        CreatedAt = createdAt ?? T0,
        UpdatedAt = createdAt ?? T0,
    };

    public static BookmarkState TimerBookmark(DateTimeOffset dueAt, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        ActivityId = "wait",
        ExecutionId = Guid.NewGuid(),
        Kind = BookmarkKind.Timer,
        CreatedAt = T0,
        DueAt = dueAt,
    };

    public static BookmarkState MessageBookmark(string messageName, string correlationKey, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.NewGuid(),
        ActivityId = "await-reply",
        ExecutionId = Guid.NewGuid(),
        Kind = BookmarkKind.Message,
        CreatedAt = createdAt ?? T0,
        MessageName = messageName,
        CorrelationKey = correlationKey,
    };

    public static BookmarkState TaskBookmark(Guid taskId) => new()
    {
        Id = taskId,
        ActivityId = "review",
        ExecutionId = Guid.NewGuid(),
        Kind = BookmarkKind.HumanTask,
        CreatedAt = T0,
    };

    public static HumanTask NewTask(
        Guid instanceId, string agency = "fgw", string role = "reviewer", HumanTaskStatus status = HumanTaskStatus.Open,
        DateTimeOffset? createdAt = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        InstanceId = instanceId,
        ActivityId = "review",
        Title = new LocalizedText("征求意见", "Request for opinion"),
        Description = new LocalizedText("请在五个工作日内反馈"),
        AssigneeAgency = agency,
        AssigneeRole = role,
        Form = new FormSchema([
            new FormField("opinion", new LocalizedText("意见"), FormFieldType.LongText) { Required = true, MaxLength = 2000 },
            new FormField("agree", new LocalizedText("是否同意"), FormFieldType.Choice) { Choices = ["yes", "no"] },
        ]),
        Outcomes = [new TaskOutcome("agree", new LocalizedText("同意")), new TaskOutcome("object")],
        DueAt = (createdAt ?? T0).AddDays(5),
        LegalBasis = "《重大行政决策程序暂行条例》第十五条",
        CreatedAt = createdAt ?? T0,
        Status = status,
    };

    public static JournalEntry Journal(Guid instanceId, long sequence, JournalKind kind = JournalKind.ActivityCompleted) => new(
        instanceId,
        sequence,
        T0.AddSeconds(sequence),
        kind,
        "review",
        "HumanTask",
        Guid.NewGuid(),
        new Actor("u-17", "fgw", "reviewer"),
        $"entry {sequence}",
        new JsonObject { ["outcome"] = "agree", ["n"] = sequence });

    public static StepChanges Insert(WorkflowState state, params JournalEntry[] journal)
    {
        var changes = new StepChanges();
        changes.Instances.Add(new InstanceWrite(state, ExpectedRevision: null));
        changes.Journal.AddRange(journal);
        return changes;
    }

    public static StepChanges Update(WorkflowState state, long expectedRevision, params JournalEntry[] journal)
    {
        var changes = new StepChanges();
        changes.Instances.Add(new InstanceWrite(state, expectedRevision));
        changes.Journal.AddRange(journal);
        return changes;
    }

    public static WorkflowDefinition Definition(string id, int version, string name = "征求意见流程") => new()
    {
        Id = id,
        Version = version,
        Name = name,
        Flowchart = new Flowchart(
            [new ActivityNode { Id = "start", Type = BuiltInActivityTypes.Start }, new ActivityNode { Id = "end", Type = "End" }],
            [new Connection("start", "done", "end")]),
    };

    /// <summary>A copy made through JSON, as a reload would give, so that changing it leaves the original alone.</summary>
    public static WorkflowState Copy(WorkflowState state) =>
        System.Text.Json.JsonSerializer.Deserialize<WorkflowState>(WorkflowJson.Serialize(state), WorkflowJson.Options)!;
}
