using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence.EntityFramework.Rows;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// What a case's journal says its tasks and attachments must be now, gathered while its chain is walked: the tasks'
/// final states (assignee, status, outcome, form data, comment) and each attachment's name, size and SHA-256.
/// </summary>
internal sealed class RecordedCaseState
{
    public Dictionary<Guid, ExpectedTask> Tasks { get; } = [];
    public Dictionary<Guid, ExpectedAttachment> Attachments { get; } = [];

    public void Add(JournalRow row)
    {
        if (!Enum.TryParse<JournalKind>(row.Kind, out var kind)) return;
        if (kind is not (JournalKind.TaskAssigned or JournalKind.TaskReassigned or JournalKind.TaskCompleted
            or JournalKind.TaskCancelled or JournalKind.AttachmentAdded)) return;
        if (row.DataJson is null || JsonNode.Parse(row.DataJson) is not JsonObject data) return;
        if (kind == JournalKind.AttachmentAdded)
        {
            if (Guid.TryParse((string?)data["attachmentId"], out var attachmentId))
                Attachments[attachmentId] = new ExpectedAttachment(row.Sequence, (string?)data["fileName"], (long?)data["size"], (string?)data["sha256"]);
            return;
        }
        if (!Guid.TryParse((string?)data["taskId"], out var taskId)) return;
        var task = Tasks.GetValueOrDefault(taskId) ?? new ExpectedTask();
        task.Sequence = row.Sequence;
        switch (kind)
        {
            case JournalKind.TaskAssigned:
                var slash = row.Message?.IndexOf('/') ?? -1;
                task.Agency = slash < 0 ? row.Message : row.Message![..slash];
                task.Role = slash < 0 ? null : row.Message![(slash + 1)..];
                task.Status = nameof(HumanTaskStatus.Open);
                break;
            case JournalKind.TaskReassigned:
                task.Role = (string?)data["toRole"] ?? task.Role;
                break;
            case JournalKind.TaskCompleted:
                task.Status = nameof(HumanTaskStatus.Completed);
                task.Outcome = row.Message;
                task.OutcomeKnown = true;
                task.Data = data["data"]?.DeepClone();
                task.Comment = (string?)data["comment"];
                task.DataKnown = true;
                break;
            case JournalKind.TaskCancelled:
                task.Status = (string?)data["status"] ?? nameof(HumanTaskStatus.Cancelled);
                // Entries written before 2026-12 do not name the outcome a closing step gave.
                task.OutcomeKnown = data.ContainsKey("outcome");
                task.Outcome = (string?)data["outcome"];
                task.Comment = row.Message;
                task.DataKnown = false;
                break;
        }
        Tasks[taskId] = task;
    }
}

internal sealed class ExpectedTask
{
    public long Sequence { get; set; }
    public string? Agency { get; set; }
    public string? Role { get; set; }
    public string? Status { get; set; }
    public string? Outcome { get; set; }
    public bool OutcomeKnown { get; set; }
    public JsonNode? Data { get; set; }
    public string? Comment { get; set; }
    public bool DataKnown { get; set; }
}

internal sealed record ExpectedAttachment(long Sequence, string? FileName, long? Size, string? Sha256);
