using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// The attachments table only, in the engine's database, with its own migrations history table so that neither this
/// context's migrations nor the engine's (or the audit's) need to know about the others.
/// </summary>
public sealed class AttachmentsDbContext(DbContextOptions<AttachmentsDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__AttachmentsMigrationsHistory";

    public DbSet<Attachment> Attachments => Set<Attachment>();

    /// <summary>Points the context at the engine's database (SQLite or PostgreSQL), with this feature's history table.</summary>
    /// <summary>On the configured database, or on an open <paramref name="connection"/> to it (to share a transaction).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, PersistenceOptions options, System.Data.Common.DbConnection? connection = null)
    {
        _ = (options.Provider, connection) switch
        {
            (PersistenceProvider.Sqlite, null) => builder.UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            (PersistenceProvider.Sqlite, _) => builder.UseSqlite(connection, o => o.MigrationsHistoryTable(HistoryTable)),
            (PersistenceProvider.Postgres, null) => builder.UseNpgsql(options.ConnectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            (PersistenceProvider.Postgres, _) => builder.UseNpgsql(connection, o => o.MigrationsHistoryTable(HistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown persistence provider."),
        };
        // Hand-written migrations without a model snapshot, as in the engine; the migration test compares schemas instead.
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // The engine's rule: UTC, whole microseconds, comparable in SQL on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<Attachment>();
        e.ToTable("attachments");
        e.HasKey(a => a.Id).HasName("pk_attachments");
        e.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(a => a.InstanceId).HasColumnName("instance_id");
        e.Property(a => a.FileName).HasColumnName("file_name");
        e.Property(a => a.ContentType).HasColumnName("content_type");
        e.Property(a => a.Size).HasColumnName("size");
        e.Property(a => a.Sha256).HasColumnName("sha256");
        e.Property(a => a.StorageKey).HasColumnName("storage_key");
        e.Property(a => a.UploadedByUserId).HasColumnName("uploaded_by_user_id");
        e.Property(a => a.UploadedByUserName).HasColumnName("uploaded_by_user_name");
        e.Property(a => a.UploadedByAgency).HasColumnName("uploaded_by_agency");
        e.Property(a => a.UploadedAt).HasColumnName("uploaded_at");
        e.HasIndex(a => a.InstanceId).HasDatabaseName("ix_attachments_instance_id");
    }
}
