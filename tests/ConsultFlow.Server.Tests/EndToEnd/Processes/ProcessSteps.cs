using System.Net;
using System.Text.Json.Nodes;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.EndToEnd.Processes;

/// <summary>What every process test checks at the end: the case is completed, the journal names who acted, outsiders see nothing.</summary>
public static class ProcessSteps
{
    /// <summary>The case is completed (as its starter sees it, both as an instance and as a case); returns the instance.</summary>
    public static async Task<JsonObject> ShouldBeCompletedAsync(this UserSession user, Guid instanceId)
    {
        // Completion is synchronous with the last task, but a poller may still be finishing follow-up work.
        var instance = await EventuallyAsync(async () =>
            await InstanceAsync(user, instanceId) is var state && state["status"]!.GetValue<string>() == "completed" ? state : null,
            $"case {instanceId} to complete", seconds: 15);
        (await user.GetJsonAsync($"/api/cases/{instanceId}"))["summary"]!["status"]!.GetValue<string>().Should().Be("completed");
        return instance;
    }

    /// <summary>The agencies the case view names as participants (starter and assignees).</summary>
    public static async Task<List<string>> ParticipantAgenciesAsync(this UserSession user, Guid instanceId) =>
        (await user.GetJsonAsync($"/api/cases/{instanceId}"))["participants"]!.AsArray()
            .Select(p => p!["agency"]!.GetValue<string>()).ToList();

    /// <summary>The "instanceStarted" journal entry names <paramref name="starter"/> and its agency.</summary>
    public static void ShouldRecordStart(this IEnumerable<JsonObject> journal, UserSession starter)
    {
        var started = journal.Single(e => e["kind"]!.GetValue<string>() == "instanceStarted");
        started["actor"]!["userId"]!.GetValue<string>().Should().Be(starter.Id);
        started["actor"]!["agency"]!.GetValue<string>().Should().Be(starter.Agency);
    }

    /// <summary>The agencies named as actors of completed tasks in the journal, distinct.</summary>
    public static IReadOnlyList<string> ActingAgencies(this IEnumerable<JsonObject> journal) =>
        journal.Where(e => e["kind"]!.GetValue<string>() is "taskCompleted" or "instanceStarted")
            .Select(e => e["actor"]?["agency"]?.GetValue<string>())
            .OfType<string>()
            .Distinct()
            .ToList();

    /// <summary>
    /// The outsider's agency is not party: the case (as instance and as case), its journal and its tasks are 404 and
    /// absent from every list.
    /// </summary>
    public static async Task ShouldNotSeeCaseAsync(this UserSession outsider, UserSession admin, Guid instanceId, string definitionId)
    {
        var taskIds = (await TasksAsync(admin, $"&instanceId={instanceId}")).Select(t => Guid.Parse(t["id"]!.GetValue<string>())).ToList();
        taskIds.Should().NotBeEmpty();
        await outsider.ShouldSeeNothingOfAsync(instanceId, taskIds, definitionId);
        (await outsider.GetAsync($"/api/cases/{instanceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CaseIdsAsync(outsider, "")).Should().NotContain(instanceId);
        (await CaseIdsAsync(outsider, $"&process={definitionId}")).Should().NotContain(instanceId);
        (await CaseIdsAsync(admin, $"&process={definitionId}")).Should().Contain(instanceId, "the case is listed for those who may see it");
    }

    public static async Task<List<Guid>> CaseIdsAsync(UserSession user, string query) =>
        (await user.GetJsonAsync($"/api/cases?take=500{query}"))["items"]!.AsArray()
            .Select(c => Guid.Parse(c!["instanceId"]!.GetValue<string>())).ToList();
}
