using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Attachments;
using ConsultFlow.Server.Features.Audit;
using ConsultFlow.Server.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// How many rows the server holds of everything a refused request could have written: cases, tasks, journal entries,
/// outbox messages, audit records, attachments and notifications. Read straight from the server's databases (not
/// through the API, which filters by who asks), so a refusal that still wrote something anywhere is seen.
/// </summary>
public sealed record RecordCounts(int Instances, int Tasks, int OpenTasks, int Journal, int Outbox, int Audit, int Attachments, int Notifications)
{
    public static async Task<RecordCounts> TakeAsync(IServiceProvider services)
    {
        await using var engine = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await using var audit = await services.GetRequiredService<IDbContextFactory<AuditDbContext>>().CreateDbContextAsync();
        await using var attachments = await services.GetRequiredService<IDbContextFactory<AttachmentsDbContext>>().CreateDbContextAsync();
        await using var notifications = await services.GetRequiredService<IDbContextFactory<NotificationsDbContext>>().CreateDbContextAsync();
        return new RecordCounts(
            await engine.Instances.CountAsync(),
            await engine.HumanTasks.CountAsync(),
            await engine.HumanTasks.CountAsync(t => t.Status == nameof(ConsultFlow.Engine.State.HumanTaskStatus.Open)),
            await engine.Journal.CountAsync(),
            await engine.Outbox.CountAsync(),
            await audit.Records.CountAsync(),
            await attachments.Attachments.CountAsync(),
            await notifications.Notifications.CountAsync());
    }

    /// <summary>Runs <paramref name="refused"/> and asserts that no row of any kind was added or removed.</summary>
    public static async Task UnchangedByAsync(IServiceProvider services, Func<Task> refused)
    {
        // Notifications are derived from the journal in the background: settle what earlier requests owe first.
        var notifications = services.GetRequiredService<JournalNotifications>();
        await notifications.CatchUpAsync(CancellationToken.None);
        var before = await TakeAsync(services);
        await refused();
        await notifications.CatchUpAsync(CancellationToken.None);
        (await TakeAsync(services)).Should().Be(before, "a refused request must write nothing");
    }
}
