using System.Text.Json;
using ConsultFlow.Engine.Alerts;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.State;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// Notifies from the engine's journal: a task assigned tells the users of its agency and role; an alert a process
/// raises (e.g. an overdue step of a criminal referral) tells the roles the process names. Reads on from a stored
/// cursor, so entries committed while the server was down are told at start-up. Each pass looks back a little before
/// the cursor because on PostgreSQL a row with a smaller id can commit after one with a larger id; the (user, event)
/// key makes reading an entry twice harmless, as it makes two nodes reading together.
/// </summary>
public sealed class JournalNotifications(
    IDbContextFactory<WorkflowDbContext> journal,
    IDbContextFactory<NotificationsDbContext> contexts,
    IInstanceStore store,
    Notifier notifier,
    ILogger<JournalNotifications> logger)
{
    private const string CursorName = "journal";
    private const int LookBack = 200;
    private const int Batch = 500;
    private static readonly string TaskAssignedKind = nameof(JournalKind.TaskAssigned);
    private static readonly string AlertRaisedKind = nameof(JournalKind.AlertRaised);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// At the first start with notifications (a new installation, or an upgrade of one with years of journal), the
    /// cursor starts at the journal's end: only what happens from now on is told, not every task ever assigned.
    /// </summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Cursors.AnyAsync(c => c.Name == CursorName, ct)) return;
        await using var engine = await journal.CreateDbContextAsync(ct);
        var end = await engine.Journal.MaxAsync(j => (long?)j.Id, ct) ?? 0;
        db.Cursors.Add(new NotificationCursor { Name = CursorName, Position = end });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node started at the same moment and set it.
        }
    }

    /// <summary>Processes everything new; returns how many notifications were stored.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var created = 0;
            var position = await PositionAsync(ct);
            for (var from = Math.Max(0, position - LookBack); ;)
            {
                await using var db = await journal.CreateDbContextAsync(ct);
                var rows = await db.Journal.AsNoTracking()
                    .Where(j => j.Id > from && (j.Kind == TaskAssignedKind || j.Kind == AlertRaisedKind))
                    .OrderBy(j => j.Id).Take(Batch)
                    .Select(j => new { j.Id, j.InstanceId, j.Sequence, j.Kind, j.DataJson })
                    .ToListAsync(ct);
                foreach (var row in rows)
                {
                    try
                    {
                        created += row.Kind == TaskAssignedKind
                            ? await TaskAssignedAsync(row.DataJson, ct)
                            : await AlertAsync(row.InstanceId, row.Sequence, row.DataJson, ct);
                    }
                    catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
                    {
                        logger.LogWarning(ex, "Journal entry {Id} could not be turned into notifications; skipped.", row.Id);
                    }
                }
                if (rows.Count == 0) break;
                from = rows[^1].Id;
                if (from > position) await SavePositionAsync(position = from, ct);
                if (rows.Count < Batch) break;
            }
            return created;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> TaskAssignedAsync(string? dataJson, CancellationToken ct)
    {
        var taskId = JsonDocument.Parse(dataJson ?? "{}").RootElement.TryGetProperty("taskId", out var id) ? Guid.Parse(id.GetString()!) : Guid.Empty;
        if (await store.GetTaskAsync(taskId, ct) is not { } task) return 0;
        return await notifier.NotifyAsync(NotificationTexts.TaskAssigned(task), [new AlertRecipient(task.AssigneeAgency, task.AssigneeRole)], ct);
    }

    private async Task<int> AlertAsync(Guid instanceId, long sequence, string? dataJson, CancellationToken ct)
    {
        var alert = JsonSerializer.Deserialize<Alert>(dataJson ?? "null", WorkflowJson.Options)
            ?? throw new InvalidOperationException("An alert entry without an alert.");
        var task = alert.TaskId is { } taskId ? await store.GetTaskAsync(taskId, ct) : null;
        var level = alert.Level == AlertLevel.Red ? "红灯预警" : "黄灯提醒";
        var subject = task is null ? alert.Message : $"{task.Title.Zh}：{alert.Message}";
        var body = alert.Message
            + (task is null ? "" : $"（任务“{task.Title.Zh}”，{task.AssigneeAgency} {NotificationTexts.Role(task.AssigneeRole)}）")
            + (alert.DueAt is { } due ? $"。期限：{NotificationTexts.Beijing(due)}" : "")
            + (alert.LegalBasis is { } basis ? $"。依据：{basis}" : "") + "。";
        var draft = new NotificationDraft(NotificationKinds.Escalation, $"{level}：{subject}", body, $"alert:{instanceId}:{sequence}")
        {
            CaseId = instanceId,
            TaskId = alert.TaskId,
        };
        return await notifier.NotifyAsync(draft, alert.Notify, ct);
    }

    private async Task<long> PositionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Cursors.AsNoTracking().Where(c => c.Name == CursorName).Select(c => (long?)c.Position).FirstOrDefaultAsync(ct) ?? 0;
    }

    private async Task SavePositionAsync(long position, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var cursor = await db.Cursors.FirstOrDefaultAsync(c => c.Name == CursorName, ct);
        if (cursor is null) db.Cursors.Add(new NotificationCursor { Name = CursorName, Position = position });
        else if (cursor.Position < position) cursor.Position = position;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node moved the cursor meanwhile; the next pass reads from wherever it is.
        }
    }
}
