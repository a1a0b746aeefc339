using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.EntityFrameworkCore;
using static ConsultFlow.Server.Features.Cases.CaseViews;

namespace ConsultFlow.Server.Features.Cases;

/// <summary>
/// Builds the case views. Visibility is decided before it is called (the party filter for lists, CaseAccess for one
/// case); traffic lights are read at the server's clock with the deployment profile's yellow share.
/// </summary>
public sealed class CaseReader(
    IInstanceStore store, DefinitionService definitions, ServerDbContext directory, TimeProvider clock, DeploymentProfile profile)
{
    private const int TaskPage = 500;

    /// <param name="partyAgency">The visibility filter (the caller's agency), or null for those who see every case.</param>
    public async Task<CaseList> ListAsync(CaseListParameters parameters, string? partyAgency, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyCollection<string>? namedDefinitions = null;
        if (parameters.Text is { } text)
        {
            // Definitions are few (tens), so their names are matched here rather than joined into the instance query.
            namedDefinitions = (await definitions.ListLatestAsync(ct))
                .Where(d => d.DefinitionId.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || d.Definition.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                .Select(d => d.DefinitionId)
                .ToList();
        }
        var query = new InstanceQuery
        {
            DefinitionId = parameters.Process,
            Status = parameters.Status,
            // Those who see everything may narrow the list to one party; for everyone else it is always their own.
            PartyAgency = partyAgency ?? parameters.Agency,
            CreatedFrom = parameters.CreatedFrom,
            CreatedTo = parameters.CreatedTo,
            OverdueAt = parameters.Overdue ? now : null,
            Text = parameters.Text,
            TextDefinitionIds = namedDefinitions,
            Skip = parameters.Skip,
            Take = parameters.Take,
        };
        var page = await store.ListInstancesAsync(query, ct);
        var total = await store.CountInstancesAsync(query, ct);

        var processNames = new Dictionary<(string, int), string>();
        foreach (var (id, version) in page.Select(s => (s.DefinitionId, s.DefinitionVersion)).Distinct())
            processNames[(id, version)] = (await CompiledAsync(id, version, ct))?.Definition.Name ?? id;
        var agencyNames = await AgencyNamesAsync(page.Select(s => s.StartedByAgency), ct);

        var items = page.Select(s => new CaseSummary(
            s.InstanceId, s.DefinitionId, processNames[(s.DefinitionId, s.DefinitionVersion)], s.DefinitionVersion, s.Status,
            s.CorrelationKey, s.StartedByAgency, Name(agencyNames, s.StartedByAgency), s.CreatedAt, s.UpdatedAt, s.CompletedAt,
            s.OpenTaskCount, s.NextDueAt,
            s is { NextDueAt: { } due, NextDueStartedAt: { } start } ? TrafficLights.Evaluate(start, due, now, profile.YellowShare) : null))
            .ToList();
        return new CaseList(items, total, parameters.Skip, parameters.Take);
    }

    public async Task<CaseDetail> DetailAsync(WorkflowState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var compiled = await CompiledAsync(state.DefinitionId, state.DefinitionVersion, ct);
        var tasks = await TasksAsync(state.InstanceId, ct);
        var open = tasks.Where(t => t.Status == HumanTaskStatus.Open).ToList();
        var closed = tasks.Where(t => t.Status != HumanTaskStatus.Open).OrderBy(t => t.ClosedAt).ThenBy(t => t.CreatedAt).ToList();
        var agencyNames = await AgencyNamesAsync(tasks.Select(t => t.AssigneeAgency).Append(state.StartedBy?.Agency), ct);
        var userNames = await UserNamesAsync(tasks.Select(t => t.ClaimedBy).Concat(tasks.Select(t => t.ClosedBy?.UserId)), ct);

        var next = open.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt).ThenBy(t => t.Id).FirstOrDefault();
        var summary = new CaseSummary(
            state.InstanceId, state.DefinitionId, compiled?.Definition.Name ?? state.DefinitionId, state.DefinitionVersion, state.Status,
            state.CorrelationKey, state.StartedBy?.Agency, Name(agencyNames, state.StartedBy?.Agency), state.CreatedAt, state.UpdatedAt,
            state.CompletedAt, open.Count, next?.DueAt, next?.TrafficLightAt(now, profile.YellowShare));

        var openTasks = open
            .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt)
            .Select(t => new OpenTask(t.Id, t.ActivityId, t.Title, t.Description, t.AssigneeAgency, Name(agencyNames, t.AssigneeAgency),
                t.AssigneeRole, t.ClaimedBy, Name(userNames, t.ClaimedBy), t.Outcomes, t.CreatedAt, t.DueAt, t.DueEstimated, t.LegalBasis,
                t.CalendarVersion, t.TrafficLightAt(now, profile.YellowShare)))
            .ToList();

        var deadlines = open
            .Where(t => t.DueAt is not null)
            .Select(t => new CaseDeadline(DeadlineSource.Task, t.Id, t.ActivityId, t.Title, t.CreatedAt, t.DueAt!.Value, t.DueEstimated,
                t.LegalBasis, t.CalendarVersion, TrafficLights.Evaluate(t.CreatedAt, t.DueAt.Value, now, profile.YellowShare)))
            .Concat(TimerDeadlines(state, compiled, now))
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id)
            .ToList();

        var closedTasks = closed
            .Select(t => new ClosedTask(t.Id, t.ActivityId, t.Title, t.AssigneeAgency, Name(agencyNames, t.AssigneeAgency), t.AssigneeRole,
                t.Status, t.Outcome, t.Data, t.Comment, t.ClaimedBy, t.CreatedAt, t.DueAt, t.LegalBasis, t.ClosedAt, t.ClosedBy,
                Name(userNames, t.ClosedBy?.UserId), t.DueAt is { } due && t.ClosedAt > due))
            .ToList();

        return new CaseDetail(summary, state.StartedBy, state.Parent?.InstanceId, state.Incident,
            Participants(state, tasks, agencyNames), openTasks, deadlines, closedTasks, await store.GetJournalAsync(state.InstanceId, ct));
    }

    /// <summary>The starter's agency first, then every assignee agency in the order it was first given a task.</summary>
    private static List<Participant> Participants(WorkflowState state, IReadOnlyList<HumanTask> tasks, Dictionary<string, string> names)
    {
        var relations = new Dictionary<string, List<ParticipantRelation>>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(string agency, ParticipantRelation relation)
        {
            if (!relations.TryGetValue(agency, out var list))
            {
                relations[agency] = list = [];
                order.Add(agency);
            }
            if (!list.Contains(relation)) list.Add(relation);
        }
        if (state.StartedBy?.Agency is { Length: > 0 } starter) Add(starter, ParticipantRelation.Starter);
        foreach (var task in tasks.OrderBy(t => t.CreatedAt)) Add(task.AssigneeAgency, ParticipantRelation.Assignee);
        return order.Select(a => new Participant(a, Name(names, a), relations[a])).ToList();
    }

    /// <summary>
    /// The timers the case waits on. A task's own expiry and alert timers (their payload names the task) fall due with
    /// the task and are shown once, as the task's deadline.
    /// </summary>
    private IEnumerable<CaseDeadline> TimerDeadlines(WorkflowState state, CompiledDefinition? compiled, DateTimeOffset now)
    {
        foreach (var bookmark in state.Bookmarks)
        {
            if (bookmark is not { Kind: BookmarkKind.Timer, DueAt: { } due }) continue;
            var payload = bookmark.Payload as JsonObject;
            if (payload?["taskId"] is not null) continue;
            yield return new CaseDeadline(DeadlineSource.Timer, bookmark.Id, bookmark.ActivityId,
                new LocalizedText(ActivityName(compiled, bookmark.ActivityId)), bookmark.CreatedAt, due,
                Flag(payload?["estimated"]), Text(payload?["legalBasis"]), Text(payload?["calendarVersion"]),
                TrafficLights.Evaluate(bookmark.CreatedAt, due, now, profile.YellowShare));
        }
    }

    private static string ActivityName(CompiledDefinition? compiled, string activityId)
    {
        try
        {
            return compiled?.Node(activityId).Name ?? activityId;
        }
        catch (InvalidOperationException)
        {
            return activityId; // an instance outliving a renamed activity still shows its deadline
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private async Task<List<HumanTask>> TasksAsync(Guid instanceId, CancellationToken ct)
    {
        var all = new List<HumanTask>();
        for (var skip = 0; ; skip += TaskPage)
        {
            var page = await store.ListTasksAsync(new TaskQuery { InstanceId = instanceId, Skip = skip, Take = TaskPage }, ct);
            all.AddRange(page);
            if (page.Count < TaskPage) return all;
        }
    }

    private async Task<CompiledDefinition?> CompiledAsync(string definitionId, int version, CancellationToken ct)
    {
        try
        {
            return await definitions.GetCompiledAsync(definitionId, version, ct);
        }
        catch (EngineException e) when (e.Code == EngineErrorCode.NotFound)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, string>> AgencyNamesAsync(IEnumerable<string?> codes, CancellationToken ct)
    {
        var wanted = codes.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return [];
        return await directory.Agencies.AsNoTracking().Where(a => wanted.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.NameZh, ct);
    }

    /// <summary>Display names of the directory's users among <paramref name="ids"/>; API clients and the system have none.</summary>
    private async Task<Dictionary<string, string>> UserNamesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var byGuid = ids.OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Guid: Guid.TryParse(id, out var guid) ? guid : (Guid?)null))
            .Where(x => x.Guid is not null)
            .ToList();
        if (byGuid.Count == 0) return [];
        var guids = byGuid.Select(x => x.Guid!.Value).ToList();
        var names = await directory.Users.AsNoTracking().Where(u => guids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return byGuid.Where(x => names.ContainsKey(x.Guid!.Value)).ToDictionary(x => x.Id, x => names[x.Guid!.Value], StringComparer.Ordinal);
    }

    private static string? Name(Dictionary<string, string> names, string? key) => key is not null && names.TryGetValue(key, out var name) ? name : null;
}
