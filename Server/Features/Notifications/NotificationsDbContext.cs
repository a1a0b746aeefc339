using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>
/// The notifications tables only, in the engine's database, with their own migrations history table (as the
/// attachments do), so that no other context's migrations need to know about them.
/// </summary>
public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__NotificationsMigrationsHistory";

    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationCursor> Cursors => Set<NotificationCursor>();
    public DbSet<NotificationDelivery> Deliveries => Set<NotificationDelivery>();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, PersistenceOptions options)
    {
        _ = options.Provider switch
        {
            PersistenceProvider.Sqlite => builder.UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            PersistenceProvider.Postgres => builder.UseNpgsql(options.ConnectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown persistence provider."),
        };
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var n = modelBuilder.Entity<Notification>();
        n.ToTable("notifications");
        n.HasKey(x => x.Id).HasName("pk_notifications");
        n.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        n.Property(x => x.UserId).HasColumnName("user_id");
        n.Property(x => x.Kind).HasColumnName("kind");
        n.Property(x => x.Title).HasColumnName("title");
        n.Property(x => x.Body).HasColumnName("body");
        n.Property(x => x.CaseId).HasColumnName("case_id");
        n.Property(x => x.TaskId).HasColumnName("task_id");
        n.Property(x => x.DedupKey).HasColumnName("dedup_key");
        n.Property(x => x.CreatedAt).HasColumnName("created_at");
        n.Property(x => x.ReadAt).HasColumnName("read_at");
        n.HasIndex(x => new { x.UserId, x.DedupKey }).IsUnique().HasDatabaseName("ux_notifications_user_dedup");
        n.HasIndex(x => new { x.UserId, x.CreatedAt }).HasDatabaseName("ix_notifications_user_created");

        var c = modelBuilder.Entity<NotificationCursor>();
        c.ToTable("notification_cursors");
        c.HasKey(x => x.Name).HasName("pk_notification_cursors");
        c.Property(x => x.Name).HasColumnName("name");
        c.Property(x => x.Position).HasColumnName("position");

        var d = modelBuilder.Entity<NotificationDelivery>();
        d.ToTable("notification_deliveries");
        d.HasKey(x => x.Id).HasName("pk_notification_deliveries");
        d.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        d.Property(x => x.NotificationId).HasColumnName("notification_id");
        d.Property(x => x.Channel).HasColumnName("channel");
        d.Property(x => x.UserId).HasColumnName("user_id");
        d.Property(x => x.Status).HasColumnName("status");
        d.Property(x => x.Attempts).HasColumnName("attempts");
        d.Property(x => x.LastError).HasColumnName("last_error");
        d.Property(x => x.CreatedAt).HasColumnName("created_at");
        d.Property(x => x.LastAttemptAt).HasColumnName("last_attempt_at");
        d.Property(x => x.SentAt).HasColumnName("sent_at");
        d.HasIndex(x => new { x.Status, x.CreatedAt }).HasDatabaseName("ix_notification_deliveries_status");
    }
}
