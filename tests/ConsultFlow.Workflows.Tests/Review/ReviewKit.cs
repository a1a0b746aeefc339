using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Workflows.Tests.Infrastructure;

namespace ConsultFlow.Workflows.Tests.Review;

/// <summary>Small helpers shared by the reverse-referral, assistance-request and legal-review scenarios.</summary>
internal static class ReviewKit
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Beijing);

    /// <summary>Moves the harness clock to <paramref name="moment"/> and fires whatever fell due.</summary>
    public static Task<int> AdvanceToAsync(this DomainHarness harness, DateTimeOffset moment) =>
        harness.AdvanceAsync(moment - harness.Clock.GetUtcNow());

    public static async Task<IReadOnlyList<string>> OpenActivitiesAsync(this DomainHarness harness, Guid instanceId) =>
        (await harness.OpenTasksAsync(instanceId)).Select(t => t.ActivityId).ToList();

    /// <summary>Completing the task with this data is refused; returns the names of the rejected fields.</summary>
    public static async Task<IReadOnlyList<string>> RejectedFieldsAsync(this DomainHarness harness, HumanTask task, string outcome, string? dataJson = null)
    {
        var act = () => harness.CompleteAsync(task, outcome, dataJson);
        var error = (await act.Should().ThrowAsync<EngineException>()).Which;
        error.Code.Should().Be(EngineErrorCode.Invalid);
        return error.Errors.Select(e => e.Field).ToList();
    }

    /// <summary>Starting with this input is refused; returns the names of the rejected inputs.</summary>
    public static async Task<IReadOnlyList<string>> RejectedInputsAsync(this DomainHarness harness, string definitionId, string inputJson)
    {
        var act = () => harness.StartAsync(definitionId, inputJson);
        var error = (await act.Should().ThrowAsync<EngineException>()).Which;
        return error.Errors.Select(e => e.Field).ToList();
    }

    public static IReadOnlyList<(string Agency, string Role)> Recipients(JsonObject alert) =>
        alert["notify"]!.AsArray().Select(r => (r!["agency"]!.GetValue<string>(), r["role"]!.GetValue<string>())).ToList();

    public static string Level(JsonObject alert) => alert["level"]!.GetValue<string>();

    public static async Task<BookmarkState?> TimerAsync(this DomainHarness harness, Guid instanceId, string activityId) =>
        (await harness.StateAsync(instanceId)).Bookmarks.SingleOrDefault(b => b.Kind == BookmarkKind.Timer && b.ActivityId == activityId);
}
