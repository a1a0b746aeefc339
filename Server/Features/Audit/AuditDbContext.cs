using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// The audit table only. A context of its own, with its own migrations history table, so that it lives in the same
/// database as the engine's (and other features') contexts without either one's migrations knowing about the other.
/// </summary>
public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__AuditMigrationsHistory";

    public DbSet<AuditRecord> Records => Set<AuditRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // The engine's rule: UTC, whole microseconds, comparable in SQL on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var e = modelBuilder.Entity<AuditRecord>();
        e.ToTable("audit_records");
        e.HasKey(r => r.Sequence).HasName("pk_audit_records");
        // The chain, not the database, numbers the rows: an identity column would leave gaps on rollback.
        e.Property(r => r.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        e.Property(r => r.At).HasColumnName("at");
        e.Property(r => r.UserId).HasColumnName("user_id");
        e.Property(r => r.UserName).HasColumnName("user_name");
        e.Property(r => r.Agency).HasColumnName("agency");
        e.Property(r => r.Roles).HasColumnName("roles");
        e.Property(r => r.Action).HasColumnName("action");
        e.Property(r => r.Target).HasColumnName("target");
        e.Property(r => r.BeforeJson).HasColumnName("before_json");
        e.Property(r => r.AfterJson).HasColumnName("after_json");
        e.Property(r => r.PreviousHash).HasColumnName("previous_hash");
        e.Property(r => r.Hash).HasColumnName("hash");
        e.Property(r => r.Algorithm).HasColumnName("algorithm");
        e.HasIndex(r => r.Target).HasDatabaseName("ix_audit_records_target");
    }
}
