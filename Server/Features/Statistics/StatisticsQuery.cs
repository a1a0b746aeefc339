using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Persistence.EntityFramework.Rows;
using ConsultFlow.Engine.State;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Statistics;

/// <summary>
/// Counts straight from the engine's tables, so the database does the grouping. Every query starts from the same set of
/// instances: those the caller may see (the same party rule as <c>InstanceQuery.PartyAgency</c> and CaseAccess: the
/// agency started the case or was assigned a task in it), created in the window, and — when asked — those the given
/// agency is party to. Scale: the counts by process, status, agency and the overdue counts are GROUP BY queries; the
/// referral and consultation figures read one small row (instance, step, outcome, time) per decision task of those
/// processes in the window and reduce them in memory — fine for tens of thousands of cases per request.
/// </summary>
public sealed class StatisticsQuery(IDbContextFactory<WorkflowDbContext> contexts, TimeProvider clock)
{
    private static readonly string Open = nameof(HumanTaskStatus.Open);
    private static readonly string Completed = nameof(HumanTaskStatus.Completed);

    /// <param name="party">The caller's party filter: null for those who see every case.</param>
    /// <param name="from">Inclusive lower bound of the creation time.</param>
    /// <param name="toExclusive">Exclusive upper bound of the creation time.</param>
    public async Task<StatisticsReport> RunAsync(string? party, string? agency, DateTimeOffset? from, DateTimeOffset? toExclusive, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var cases = Cases(db, party, agency, from, toExclusive);
        var ids = cases.Select(i => i.Id);

        var byProcessAndStatus = (await cases.GroupBy(i => new { i.DefinitionId, i.Status })
                .Select(g => new { g.Key.DefinitionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .Select(r => (r.DefinitionId, r.Status, r.Count)).ToList();
        var byProcess = byProcessAndStatus.GroupBy(r => r.DefinitionId)
            .Select(g => (Process: g.Key, Counts: StatusCounts.Of(g.Select(r => (r.Status, r.Count)))))
            .Select(p => new ProcessCount(p.Process, p.Counts.Total, p.Counts))
            .OrderByDescending(p => p.Total).ThenBy(p => p.DefinitionId, StringComparer.Ordinal).ToList();
        var byStatus = StatusCounts.Of(byProcessAndStatus.Select(r => (r.Status, r.Count)));

        // The parties of each case: its starter and every assignee agency, each (case, agency) pair once.
        var starters = cases.Where(i => i.StartedByAgency != null).Select(i => new { InstanceId = i.Id, Agency = i.StartedByAgency! });
        var assignees = db.HumanTasks.Where(t => ids.Contains(t.InstanceId)).Select(t => new { t.InstanceId, Agency = t.AssigneeAgency });
        var byAgency = (await starters.Union(assignees).GroupBy(p => p.Agency).Select(g => new { Agency = g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(r => new AgencyCount(r.Agency, r.Count))
            .OrderByDescending(a => a.Cases).ThenBy(a => a.Agency, StringComparer.Ordinal).ToList();

        var overdue = (await db.HumanTasks
                .Where(t => ids.Contains(t.InstanceId) && t.Status == Open && t.DueAt != null && t.DueAt < now)
                .GroupBy(t => t.AssigneeAgency).Select(g => new { Agency = g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(r => new AgencyOverdue(r.Agency, r.Count))
            .OrderByDescending(a => a.Tasks).ThenBy(a => a.Agency, StringComparer.Ordinal).ToList();

        var referralCases = cases.Where(i => i.DefinitionId == ReferralRules.ReferralProcess);
        var referrals = ReferralRules.Referrals(
            await referralCases.CountAsync(ct),
            await DecisionsAsync(db, referralCases.Select(i => i.Id), ReferralRules.ReferralSteps, ct));

        var consultationCases = cases.Where(i => i.DefinitionId == ReferralRules.ConsultationProcess);
        var consultations = ReferralRules.Consultations(
            (await consultationCases.Select(i => new { i.Id, i.Status }).ToListAsync(ct)).Select(c => (c.Id, c.Status)).ToList(),
            await DecisionsAsync(db, consultationCases.Select(i => i.Id), ReferralRules.ConsultationSteps, ct));

        return new StatisticsReport(from, toExclusive, agency, now, byStatus.Total, byStatus, byProcess, byAgency,
            new OverdueCounts(overdue.Sum(o => o.Tasks), overdue), referrals, consultations);
    }

    private static IQueryable<InstanceRow> Cases(WorkflowDbContext db, string? party, string? agency, DateTimeOffset? from, DateTimeOffset? toExclusive)
    {
        var cases = db.Instances.AsNoTracking();
        if (party is not null)
            cases = cases.Where(i => i.StartedByAgency == party || db.HumanTasks.Any(t => t.InstanceId == i.Id && t.AssigneeAgency == party));
        if (agency is not null)
            cases = cases.Where(i => i.StartedByAgency == agency || db.HumanTasks.Any(t => t.InstanceId == i.Id && t.AssigneeAgency == agency));
        if (from is { } start) cases = cases.Where(i => i.CreatedAt >= start);
        if (toExclusive is { } end) cases = cases.Where(i => i.CreatedAt < end);
        return cases;
    }

    private static async Task<List<DecisionRow>> DecisionsAsync(WorkflowDbContext db, IQueryable<Guid> instanceIds, string[] steps, CancellationToken ct) =>
        (await db.HumanTasks.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.Status == Completed && steps.Contains(t.ActivityId))
            .Select(t => new { t.InstanceId, t.ActivityId, t.Outcome, t.ClosedAt })
            .ToListAsync(ct))
        .Select(t => new DecisionRow(t.InstanceId, t.ActivityId, t.Outcome, t.ClosedAt)).ToList();
}
