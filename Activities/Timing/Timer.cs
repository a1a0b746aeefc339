using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Timing;

/// <summary>Waits until a period has passed (on the statutory calendar) or until a given moment.</summary>
public sealed class Timer : Activity<Timer.Inputs>
{
    public sealed record Inputs(DurationInput? Duration, DateTimeOffset? At);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Timer", T("定时等待", "Timer"), T("等待一段期限或到某一时刻。", "Waits for a period or until a moment."), Categories.Timing,
        [
            new("duration", InputKind.Duration, T("期限", "Duration")),
            new("at", InputKind.Text, T("时刻", "At")) { Help = T("ISO 8601 时间，可用表达式。", "An ISO 8601 time; may be an expression.") },
        ],
        [Outcomes.Done])
    { Blocking = true };

    public override IEnumerable<string> Validate(Engine.Definitions.ActivityNode node)
    {
        if (!node.Inputs.ContainsKey("duration") && !node.Inputs.ContainsKey("at"))
            yield return "A timer needs a duration or a moment ('at').";
    }

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var (due, deadline) = inputs switch
        {
            { At: { } at } => (at, null),
            { Duration: { } duration } => DueOf(duration.DueFrom(context, context.Now)),
            _ => throw new InvalidOperationException($"Timer '{context.ActivityId}' has neither a duration nor a moment."),
        };
        return new(ActivityResult.Block(new BookmarkRequest(BookmarkKind.Timer)
        {
            DueAt = due,
            Payload = deadline is null ? null : new JsonObject
            {
                ["legalBasis"] = deadline.LegalBasis,
                ["calendarVersion"] = deadline.CalendarVersion,
                ["estimated"] = deadline.Estimated,
            },
        }));
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Inputs inputs, ResumeContext resume) =>
        new(ActivityResult.Done(output: new JsonObject
        {
            ["dueAt"] = resume.Bookmark.DueAt?.ToString("O"),
            ["firedAt"] = resume.At.ToString("O"),
        }));

    private static (DateTimeOffset, Deadline?) DueOf(Deadline deadline) => (deadline.DueAt, deadline);
}
