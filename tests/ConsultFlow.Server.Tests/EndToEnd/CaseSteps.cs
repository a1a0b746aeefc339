using System.Net;
using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Tests.EndToEnd;

/// <summary>What a user does with cases over HTTP: start one, find a task in the inbox, complete it.</summary>
public static class CaseSteps
{
    public static async Task<Guid> StartAsync(UserSession user, string definitionId, JsonObject input)
    {
        var started = await user.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = definitionId, ["input"] = input });
        return Guid.Parse(started["instanceId"]!.GetValue<string>());
    }

    /// <summary>The open task of <paramref name="activityId"/> in <paramref name="instanceId"/>, as found in the user's own inbox.</summary>
    public static async Task<JsonObject> InboxTaskAsync(UserSession user, Guid instanceId, string activityId)
    {
        var inbox = (await user.GetJsonAsync("/api/tasks?status=open&take=500")).AsArray();
        var matches = inbox.Select(t => t!.AsObject())
            .Where(t => t["instanceId"]!.GetValue<string>() == instanceId.ToString() && t["activityId"]!.GetValue<string>() == activityId)
            .ToList();
        matches.Should().ContainSingle("{0}'s inbox should hold the open '{1}' task of {2}; it holds {3}",
            user.UserName, activityId, instanceId, inbox.ToJsonString());
        var task = matches[0];
        task["assigneeAgency"]!.GetValue<string>().Should().Be(user.Agency);
        return task;
    }

    /// <summary>Finds the task in the user's inbox and completes it with the outcome and form data; returns the task id.</summary>
    public static async Task<Guid> CompleteAsync(UserSession user, Guid instanceId, string activityId, string outcome, JsonObject? data = null, string? comment = null)
    {
        var task = await InboxTaskAsync(user, instanceId, activityId);
        var id = Guid.Parse(task["id"]!.GetValue<string>());
        var body = new JsonObject { ["outcome"] = outcome, ["data"] = data ?? new JsonObject() };
        if (comment is not null) body["comment"] = comment;
        await user.PostOkAsync($"/api/tasks/{id}/complete", body);
        return id;
    }

    public static async Task<JsonObject> InstanceAsync(UserSession user, Guid instanceId) =>
        (await user.GetJsonAsync($"/api/instances/{instanceId}")).AsObject();

    public static async Task<List<JsonObject>> JournalAsync(UserSession user, Guid instanceId) =>
        (await user.GetJsonAsync($"/api/instances/{instanceId}/journal")).AsArray().Select(e => e!.AsObject()).ToList();

    public static async Task<List<Guid>> InstanceIdsAsync(UserSession user, string query = "") =>
        (await user.GetJsonAsync($"/api/instances?take=500{query}")).AsArray().Select(i => Guid.Parse(i!["instanceId"]!.GetValue<string>())).ToList();

    public static async Task<List<JsonObject>> TasksAsync(UserSession user, string query = "") =>
        (await user.GetJsonAsync($"/api/tasks?take=500{query}")).AsArray().Select(t => t!.AsObject()).ToList();

    /// <summary>
    /// The "taskCompleted" journal entry of <paramref name="activityId"/> names <paramref name="user"/>, its agency and
    /// <paramref name="role"/>.
    /// </summary>
    public static void ShouldRecordCompletion(this IEnumerable<JsonObject> journal, string activityId, UserSession user, string role)
    {
        var entries = journal.Where(e => e["kind"]!.GetValue<string>() == "taskCompleted" && e["activityId"]?.GetValue<string>() == activityId).ToList();
        entries.Should().NotBeEmpty("the journal records who completed '{0}'", activityId);
        entries.Should().Contain(e => e["actor"]!["userId"]!.GetValue<string>() == user.Id
                && e["actor"]!["agency"]!.GetValue<string>() == user.Agency
                && e["actor"]!["role"]!.GetValue<string>() == role,
            "'{0}' was completed by {1} of {2} as {3}: {4}", activityId, user.UserName, user.Agency, role,
            new JsonArray(entries.Select(e => e.DeepClone()).ToArray()).ToJsonString());
    }

    /// <summary>Asks until <paramref name="probe"/> answers something, for work the server's poller does in the background.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, double seconds = 30) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The user's agency is not party: the case, its journal, its tasks are 404 and absent from every list.</summary>
    public static async Task ShouldSeeNothingOfAsync(this UserSession outsider, Guid instanceId, IEnumerable<Guid> taskIds, string definitionId)
    {
        (await outsider.GetAsync($"/api/instances/{instanceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/instances/{instanceId}/journal")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/tasks?instanceId={instanceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await InstanceIdsAsync(outsider)).Should().NotContain(instanceId);
        (await InstanceIdsAsync(outsider, $"&definitionId={definitionId}")).Should().NotContain(instanceId);
        var inbox = (await TasksAsync(outsider)).Select(t => t["id"]!.GetValue<string>()).ToList();
        foreach (var task in taskIds)
        {
            (await outsider.GetAsync($"/api/tasks/{task}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            inbox.Should().NotContain(task.ToString());
            (await outsider.PostJsonAsync($"/api/tasks/{task}/complete", new JsonObject { ["outcome"] = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }
}
