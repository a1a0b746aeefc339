using ConsultFlow.Engine.Evidence;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence.EntityFramework.Rows;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>Turns engine records into rows and back. All JSON goes through <see cref="WorkflowJson.Options"/>.</summary>
internal static class RowMapping
{
    public static InstanceRow ToRow(WorkflowState state, long revision) => new()
    {
        Id = state.InstanceId,
        DefinitionId = state.DefinitionId,
        DefinitionVersion = state.DefinitionVersion,
        Status = state.Status.ToString(),
        CorrelationKey = state.CorrelationKey,
        ParentInstanceId = state.Parent?.InstanceId,
        StartedByAgency = state.StartedBy?.Agency,
        StateJson = Serialize(state),
        CreatedAt = state.CreatedAt,
        UpdatedAt = state.UpdatedAt,
        CompletedAt = state.CompletedAt,
        Revision = revision,
    };

    public static WorkflowState ToState(string stateJson) => Deserialize<WorkflowState>(stateJson);

    public static BookmarkRow ToRow(BookmarkState bookmark, Guid instanceId)
    {
        var row = new BookmarkRow { ActivityId = "", Kind = "" };
        CopyInto(bookmark, instanceId, row);
        return row;
    }

    public static void CopyInto(BookmarkState bookmark, Guid instanceId, BookmarkRow row)
    {
        row.Id = bookmark.Id;
        row.InstanceId = instanceId;
        row.ActivityId = bookmark.ActivityId;
        row.Kind = bookmark.Kind.ToString();
        row.CreatedAt = bookmark.CreatedAt;
        row.DueAt = bookmark.DueAt;
        row.MessageName = bookmark.MessageName;
        row.CorrelationKey = bookmark.CorrelationKey;
    }

    public static HumanTaskRow ToRow(HumanTask task)
    {
        var row = new HumanTaskRow
        {
            ActivityId = "", TitleJson = "", AssigneeAgency = "", AssigneeRole = "", FormJson = "", OutcomesJson = "", Status = "",
        };
        CopyInto(task, row);
        return row;
    }

    public static void CopyInto(HumanTask task, HumanTaskRow row)
    {
        row.Id = task.Id;
        row.InstanceId = task.InstanceId;
        row.ActivityId = task.ActivityId;
        row.ScopeId = task.ScopeId;
        row.TitleJson = Serialize(task.Title);
        row.DescriptionJson = SerializeOrNull(task.Description);
        row.AssigneeAgency = task.AssigneeAgency;
        row.AssigneeRole = task.AssigneeRole;
        row.FormJson = Serialize(task.Form);
        row.OutcomesJson = Serialize(task.Outcomes);
        row.DueAt = task.DueAt;
        row.LegalBasis = task.LegalBasis;
        row.CalendarVersion = task.CalendarVersion;
        row.DueEstimated = task.DueEstimated;
        row.CreatedAt = task.CreatedAt;
        row.Status = task.Status.ToString();
        row.ClaimedBy = task.ClaimedBy;
        row.ClosedAt = task.ClosedAt;
        row.ClosedByJson = SerializeOrNull(task.ClosedBy);
        row.Outcome = task.Outcome;
        row.DataJson = SerializeOrNull(task.Data);
        row.Comment = task.Comment;
    }

    public static HumanTask ToTask(HumanTaskRow row) => new()
    {
        Id = row.Id,
        InstanceId = row.InstanceId,
        ActivityId = row.ActivityId,
        ScopeId = row.ScopeId,
        Title = Deserialize<LocalizedText>(row.TitleJson),
        Description = DeserializeOrNull<LocalizedText>(row.DescriptionJson),
        AssigneeAgency = row.AssigneeAgency,
        AssigneeRole = row.AssigneeRole,
        Form = Deserialize<FormSchema>(row.FormJson),
        Outcomes = Deserialize<List<TaskOutcome>>(row.OutcomesJson),
        DueAt = row.DueAt,
        LegalBasis = row.LegalBasis,
        CalendarVersion = row.CalendarVersion,
        DueEstimated = row.DueEstimated,
        CreatedAt = row.CreatedAt,
        Status = Enum.Parse<HumanTaskStatus>(row.Status),
        ClaimedBy = row.ClaimedBy,
        ClosedAt = row.ClosedAt,
        ClosedBy = DeserializeOrNull<Actor>(row.ClosedByJson),
        Outcome = row.Outcome,
        Data = DeserializeOrNull<JsonObject>(row.DataJson),
        Comment = row.Comment,
    };

    public static JournalRow ToRow(JournalEntry entry) => new()
    {
        InstanceId = entry.InstanceId,
        Sequence = entry.Sequence,
        At = entry.At,
        Kind = entry.Kind.ToString(),
        ActivityId = entry.ActivityId,
        ActivityType = entry.ActivityType,
        ExecutionId = entry.ExecutionId,
        ActorUser = entry.Actor?.UserId,
        ActorAgency = entry.Actor?.Agency,
        ActorRole = entry.Actor?.Role,
        Message = entry.Message,
        DataJson = SerializeOrNull(entry.Data),
    };

    /// <summary>The row as its chain sees it (<see cref="CaseChainForm"/>).</summary>
    public static CaseChainRow ToChainRow(JournalRow row) => new()
    {
        InstanceId = row.InstanceId,
        Sequence = row.Sequence,
        At = row.At,
        Kind = row.Kind,
        ActivityId = row.ActivityId,
        ActivityType = row.ActivityType,
        ExecutionId = row.ExecutionId,
        ActorUser = row.ActorUser,
        ActorAgency = row.ActorAgency,
        ActorRole = row.ActorRole,
        Message = row.Message,
        DataJson = row.DataJson,
        Algorithm = row.Algorithm ?? "",
        PreviousHash = row.PreviousHash ?? "",
        Hash = row.Hash ?? "",
    };

    /// <summary>Copies the chain fields <see cref="CaseChainForm.Link"/> computed (and the time it hashed) into <paramref name="row"/>.</summary>
    public static void CopyChain(CaseChainRow linked, JournalRow row)
    {
        row.At = linked.At;
        row.Algorithm = linked.Algorithm;
        row.PreviousHash = linked.PreviousHash;
        row.Hash = linked.Hash;
    }

    public static JournalEntry ToEntry(JournalRow row) => new(
        row.InstanceId,
        row.Sequence,
        row.At,
        Enum.Parse<JournalKind>(row.Kind),
        row.ActivityId,
        row.ActivityType,
        row.ExecutionId,
        row.ActorUser is null ? null : new Actor(row.ActorUser, row.ActorAgency, row.ActorRole),
        row.Message,
        DeserializeOrNull<JsonNode>(row.DataJson));

    public static PendingResumeRow ToRow(PendingResume resume) => new()
    {
        Id = resume.Id,
        InstanceId = resume.InstanceId,
        BookmarkId = resume.BookmarkId,
        DataJson = SerializeOrNull(resume.Data),
        CreatedAt = resume.CreatedAt,
    };

    public static PendingResume ToPendingResume(PendingResumeRow row) =>
        new(row.Id, row.InstanceId, row.BookmarkId, DeserializeOrNull<JsonNode>(row.DataJson), row.CreatedAt);

    public static IdempotencyRow ToRow(IdempotencyRecord record) => new()
    {
        Key = record.Key,
        Operation = record.Operation,
        RequestHash = record.RequestHash,
        InstanceId = record.InstanceId,
        ResultJson = record.ResultJson,
        CreatedAt = record.CreatedAt,
    };

    public static IdempotencyRecord ToRecord(IdempotencyRow row) =>
        new(row.Key, row.Operation, row.RequestHash, row.InstanceId, row.ResultJson, row.CreatedAt);

    public static DefinitionRow ToRow(DefinitionRecord record, long revision) => new()
    {
        DefinitionId = record.DefinitionId,
        Version = record.Version,
        Status = record.Status.ToString(),
        Name = record.Definition.Name,
        Json = Serialize(record.Definition),
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        PublishedAt = record.PublishedAt,
        RetractedAt = record.RetractedAt,
        Revision = revision,
    };

    public static DefinitionRecord ToRecord(DefinitionRow row) => new(
        row.DefinitionId,
        row.Version,
        Enum.Parse<DefinitionStatus>(row.Status),
        WorkflowJson.ParseDefinition(row.Json),
        row.CreatedAt,
        row.UpdatedAt,
        row.PublishedAt,
        row.RetractedAt)
    {
        Revision = row.Revision,
    };

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);

    private static string? SerializeOrNull<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, WorkflowJson.Options);

    private static T Deserialize<T>(string json) where T : class =>
        JsonSerializer.Deserialize<T>(json, WorkflowJson.Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} JSON is null.");

    private static T? DeserializeOrNull<T>(string? json) where T : class =>
        json is null ? null : JsonSerializer.Deserialize<T>(json, WorkflowJson.Options);
}
