using System.Text.Json.Nodes;
using ConsultFlow.Activities.Timing;
using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using System.Text.Json;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Human;

/// <summary>
/// Assigns a task to an agency and a role, with a form, a due date and the outcomes a person may choose, and waits
/// until it is completed. The due date never decides anything by itself; only when <c>expiryOutcome</c> is set does
/// an expired task complete with that outcome (e.g. an opinion recorded as 未反馈, never as agreement).
/// </summary>
public sealed class HumanTaskActivity : Activity<HumanTaskActivity.Inputs>
{
    public sealed record Inputs(
        LocalizedText Title,
        LocalizedText? Description,
        string AssigneeAgency,
        string AssigneeRole,
        FormSchema? Form,
        IReadOnlyList<TaskOutcome> Outcomes,
        DurationInput? Due,
        string? ExpiryOutcome,
        OverdueAlert? OverdueAlert);

    /// <summary>Who is alerted, and how, when the task is still open at its due time.</summary>
    public sealed record OverdueAlert(IReadOnlyList<AlertRecipient> Notify, string Message);

    public override ActivityDescriptor Descriptor { get; } = new(
        "HumanTask", T("人工任务", "Human task"),
        T("把任务分派给某单位的某角色，填写表单并选择办理结果。", "Assigns a task with a form and outcomes to an agency's role."),
        Categories.Human,
        [
            new("title", InputKind.Text, T("任务名称", "Title")) { Required = true },
            new("description", InputKind.LongText, T("说明", "Description")),
            new("assigneeAgency", InputKind.Agency, T("承办单位", "Assignee agency")) { Required = true },
            new("assigneeRole", InputKind.Role, T("承办角色", "Assignee role")) { Required = true },
            new("form", InputKind.FormSchema, T("表单", "Form")),
            new("outcomes", InputKind.Outcomes, T("办理结果", "Outcomes")) { Required = true },
            new("due", InputKind.Duration, T("办理期限", "Due")),
            new("expiryOutcome", InputKind.Text, T("逾期结果", "Outcome on expiry"))
            {
                Help = T("设置后，逾期未办理即以此结果结束（如“未反馈”）。", "When set, an expired task completes with this outcome (e.g. no reply)."),
            },
            new("overdueAlert", InputKind.Json, T("逾期预警", "Overdue alert"))
            {
                Help = T("逾期仍未办理时向谁发出红灯预警；任务继续等待，不会自动通过。",
                    "Whom to alert in red when the task is still open at its due time; the task keeps waiting, nothing is approved."),
            },
        ],
        [])
    { OutcomesFromInput = "outcomes", Blocking = true };

    public override IReadOnlyList<string> OutcomesOf(ActivityNode node)
    {
        var outcomes = Literal<List<TaskOutcome>>(node, "outcomes")?.Select(o => o.Name).ToList() ?? [];
        if (Literal<string>(node, "expiryOutcome") is { } expiry && !outcomes.Contains(expiry)) outcomes.Add(expiry);
        return outcomes;
    }

    public override IEnumerable<string> Validate(ActivityNode node)
    {
        if (node.Inputs.ContainsKey("expiryOutcome") && !node.Inputs.ContainsKey("due"))
            yield return "An outcome on expiry needs a due period.";
        if (node.Inputs.ContainsKey("overdueAlert") && !node.Inputs.ContainsKey("due"))
            yield return "An overdue alert needs a due period.";
        if (node.Inputs.TryGetValue("form", out var form) && !form.IsExpression && form.Literal is not null && TryRead<FormSchema>(form.Literal) is null)
            yield return "The form is not a valid form schema (fields with key, label and type).";
        if (node.Inputs.TryGetValue("outcomes", out var outcomes) && !outcomes.IsExpression && TryRead<List<TaskOutcome>>(outcomes.Literal) is not { Count: > 0 })
            yield return "A task needs at least one outcome ({\"name\": ..., \"label\": ...}).";
    }

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var deadline = inputs.Due?.DueFrom(context, context.Now);
        var taskId = Guid.NewGuid();
        var bookmarks = new List<BookmarkRequest>
        {
            new(BookmarkKind.HumanTask)
            {
                Id = taskId,
                Task = new HumanTaskRequest(inputs.Title, inputs.AssigneeAgency, inputs.AssigneeRole, inputs.Form ?? FormSchema.Empty, inputs.Outcomes)
                {
                    Description = inputs.Description,
                    DueAt = deadline?.DueAt,
                    LegalBasis = deadline?.LegalBasis,
                    CalendarVersion = deadline?.CalendarVersion,
                    DueEstimated = deadline?.Estimated ?? false,
                },
            },
        };
        if (deadline is not null && inputs.ExpiryOutcome is not null)
            bookmarks.Add(new(BookmarkKind.Timer) { DueAt = deadline.DueAt, Payload = new JsonObject { ["expiry"] = true, ["taskId"] = taskId.ToString() } });
        if (deadline is not null && inputs.OverdueAlert is not null)
            bookmarks.Add(new(BookmarkKind.Timer) { DueAt = deadline.DueAt, Payload = new JsonObject { ["alert"] = true, ["taskId"] = taskId.ToString(), ["legalBasis"] = deadline.LegalBasis } });
        return new(new ActivityResult.Blocked(bookmarks));
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Inputs inputs, ResumeContext resume)
    {
        if (resume.Bookmark is { Kind: BookmarkKind.Timer, Payload: JsonObject timer })
        {
            var taskId = timer["taskId"]?.GetValue<string>();
            if (timer["alert"] is not null)
            {
                // Overdue: tell the people the process names, and keep waiting for a real answer.
                context.RaiseAlert(new Alert(AlertLevel.Red, inputs.OverdueAlert!.Notify, inputs.OverdueAlert.Message)
                {
                    TaskId = taskId is null ? null : Guid.Parse(taskId),
                    DueAt = resume.Bookmark.DueAt,
                    LegalBasis = timer["legalBasis"]?.GetValue<string>(),
                });
                return new(new ActivityResult.Blocked([]));
            }
            return new(ActivityResult.Done(inputs.ExpiryOutcome!, new JsonObject
            {
                ["taskId"] = taskId,
                ["outcome"] = inputs.ExpiryOutcome,
                ["expired"] = true,
                ["completedAt"] = resume.At.ToString("O"),
            }));
        }
        return new(ActivityResult.Done(resume.Outcome!, new JsonObject
        {
            ["taskId"] = resume.Bookmark.Id.ToString(),
            ["outcome"] = resume.Outcome,
            ["data"] = resume.Data?.DeepClone(),
            ["completedBy"] = resume.Actor is { } actor
                ? new JsonObject { ["userId"] = actor.UserId, ["agency"] = actor.Agency, ["role"] = actor.Role }
                : null,
            ["completedAt"] = resume.At.ToString("O"),
        }));
    }

    private static T? Literal<T>(ActivityNode node, string input) where T : class =>
        node.Inputs.TryGetValue(input, out var value) && !value.IsExpression ? TryRead<T>(value.Literal) : null;

    private static T? TryRead<T>(JsonNode? node) where T : class
    {
        try
        {
            return node.Deserialize<T>(WorkflowJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
