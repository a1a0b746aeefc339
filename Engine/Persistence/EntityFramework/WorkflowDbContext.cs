using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// The engine's tables, for SQLite and PostgreSQL alike. Every table and column is named explicitly in snake_case so
/// that the hand-written migrations (which must match this model) can be read side by side with it.
/// </summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    public DbSet<HumanTaskRow> HumanTasks => Set<HumanTaskRow>();
    public DbSet<JournalRow> Journal => Set<JournalRow>();
    public DbSet<IdempotencyRow> IdempotencyRecords => Set<IdempotencyRow>();
    public DbSet<PendingResumeRow> PendingResumes => Set<PendingResumeRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<InboxRow> Inbox => Set<InboxRow>();
    public DbSet<EvidenceSeal> Seals => Set<EvidenceSeal>();
    public DbSet<SealEntry> SealEntries => Set<SealEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // One rule for all timestamps, so that `due_at <= @now` runs in SQL on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureDefinitions(modelBuilder.Entity<DefinitionRow>());
        ConfigureInstances(modelBuilder.Entity<InstanceRow>());
        ConfigureBookmarks(modelBuilder.Entity<BookmarkRow>());
        ConfigureHumanTasks(modelBuilder.Entity<HumanTaskRow>());
        ConfigureJournal(modelBuilder.Entity<JournalRow>());
        ConfigureIdempotency(modelBuilder.Entity<IdempotencyRow>());
        ConfigurePendingResumes(modelBuilder.Entity<PendingResumeRow>());
        ConfigureOutbox(modelBuilder.Entity<OutboxRow>());
        ConfigureInbox(modelBuilder.Entity<InboxRow>());
        ConfigureSeals(modelBuilder.Entity<EvidenceSeal>());
        ConfigureSealEntries(modelBuilder.Entity<SealEntry>());
    }

    private static void ConfigureSeals(EntityTypeBuilder<EvidenceSeal> e)
    {
        e.ToTable("evidence_seals");
        e.HasKey(s => s.Sequence).HasName("pk_evidence_seals");
        // The chain numbers the seals, as the audit chain its rows: no gaps on rollback.
        e.Property(s => s.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        e.Property(s => s.At).HasColumnName("at");
        e.Property(s => s.Algorithm).HasColumnName("algorithm");
        e.Property(s => s.CaseCount).HasColumnName("case_count");
        e.Property(s => s.Root).HasColumnName("root");
        e.Property(s => s.CommandsLength).HasColumnName("commands_length");
        e.Property(s => s.CommandsHead).HasColumnName("commands_head");
        e.Property(s => s.PreviousHash).HasColumnName("previous_hash");
        e.Property(s => s.Hash).HasColumnName("hash");
    }

    private static void ConfigureSealEntries(EntityTypeBuilder<SealEntry> e)
    {
        e.ToTable("evidence_seal_entries");
        e.HasKey(s => new { s.SealSequence, s.Position }).HasName("pk_evidence_seal_entries");
        e.Property(s => s.SealSequence).HasColumnName("seal_sequence");
        e.Property(s => s.Position).HasColumnName("position");
        e.Property(s => s.InstanceId).HasColumnName("instance_id");
        e.Property(s => s.Length).HasColumnName("length");
        e.Property(s => s.Head).HasColumnName("head");
        e.HasIndex(s => new { s.InstanceId, s.SealSequence }).HasDatabaseName("ix_evidence_seal_entries_instance");
    }

    private static void ConfigureDefinitions(EntityTypeBuilder<DefinitionRow> e)
    {
        e.ToTable("workflow_definitions");
        e.HasKey(d => new { d.DefinitionId, d.Version }).HasName("pk_workflow_definitions");
        e.Property(d => d.DefinitionId).HasColumnName("definition_id");
        e.Property(d => d.Version).HasColumnName("version");
        e.Property(d => d.Status).HasColumnName("status");
        e.Property(d => d.Name).HasColumnName("name");
        e.Property(d => d.Json).HasColumnName("json");
        e.Property(d => d.CreatedAt).HasColumnName("created_at");
        e.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        e.Property(d => d.PublishedAt).HasColumnName("published_at");
        e.Property(d => d.RetractedAt).HasColumnName("retracted_at");
        e.Property(d => d.Revision).HasColumnName("revision").IsConcurrencyToken();
    }

    private static void ConfigureInstances(EntityTypeBuilder<InstanceRow> e)
    {
        e.ToTable("workflow_instances");
        e.HasKey(i => i.Id).HasName("pk_workflow_instances");
        e.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(i => i.DefinitionId).HasColumnName("definition_id");
        e.Property(i => i.DefinitionVersion).HasColumnName("definition_version");
        e.Property(i => i.Status).HasColumnName("status");
        e.Property(i => i.CorrelationKey).HasColumnName("correlation_key");
        e.Property(i => i.ParentInstanceId).HasColumnName("parent_instance_id");
        e.Property(i => i.StartedByAgency).HasColumnName("started_by_agency");
        e.Property(i => i.StateJson).HasColumnName("state_json");
        e.Property(i => i.CreatedAt).HasColumnName("created_at");
        e.Property(i => i.UpdatedAt).HasColumnName("updated_at");
        e.Property(i => i.CompletedAt).HasColumnName("completed_at");
        e.Property(i => i.Revision).HasColumnName("revision").IsConcurrencyToken();
        e.Property(i => i.ChainLength).HasColumnName("chain_length");
        e.Property(i => i.ChainHead).HasColumnName("chain_head");
        e.Property(i => i.SealedLength).HasColumnName("sealed_length");
        e.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion }).HasDatabaseName("ix_workflow_instances_definition");
        e.HasIndex(i => new { i.Status, i.CreatedAt }).HasDatabaseName("ix_workflow_instances_status");
        e.HasIndex(i => i.CorrelationKey).HasDatabaseName("ix_workflow_instances_correlation_key");
        e.HasIndex(i => i.ParentInstanceId).HasDatabaseName("ix_workflow_instances_parent_instance_id");
        e.HasIndex(i => i.StartedByAgency).HasDatabaseName("ix_workflow_instances_started_by_agency");
    }

    private static void ConfigureBookmarks(EntityTypeBuilder<BookmarkRow> e)
    {
        e.ToTable("bookmarks");
        e.HasKey(b => b.Id).HasName("pk_bookmarks");
        e.Property(b => b.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(b => b.InstanceId).HasColumnName("instance_id");
        e.Property(b => b.ActivityId).HasColumnName("activity_id");
        e.Property(b => b.Kind).HasColumnName("kind");
        e.Property(b => b.CreatedAt).HasColumnName("created_at");
        e.Property(b => b.DueAt).HasColumnName("due_at");
        e.Property(b => b.MessageName).HasColumnName("message_name");
        e.Property(b => b.CorrelationKey).HasColumnName("correlation_key");
        e.HasOne<InstanceRow>().WithMany().HasForeignKey(b => b.InstanceId)
            .HasConstraintName("fk_bookmarks_instance").OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(b => b.InstanceId).HasDatabaseName("ix_bookmarks_instance_id");
        // Serves "kind = 'Timer' AND due_at <= @now ORDER BY due_at".
        e.HasIndex(b => new { b.Kind, b.DueAt }).HasDatabaseName("ix_bookmarks_due");
        e.HasIndex(b => new { b.MessageName, b.CorrelationKey }).HasDatabaseName("ix_bookmarks_message");
    }

    private static void ConfigureHumanTasks(EntityTypeBuilder<HumanTaskRow> e)
    {
        e.ToTable("human_tasks");
        e.HasKey(t => t.Id).HasName("pk_human_tasks");
        e.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(t => t.InstanceId).HasColumnName("instance_id");
        e.Property(t => t.ActivityId).HasColumnName("activity_id");
        e.Property(t => t.ScopeId).HasColumnName("scope_id");
        e.Property(t => t.TitleJson).HasColumnName("title_json");
        e.Property(t => t.DescriptionJson).HasColumnName("description_json");
        e.Property(t => t.AssigneeAgency).HasColumnName("assignee_agency");
        e.Property(t => t.AssigneeRole).HasColumnName("assignee_role");
        e.Property(t => t.FormJson).HasColumnName("form_json");
        e.Property(t => t.OutcomesJson).HasColumnName("outcomes_json");
        e.Property(t => t.DueAt).HasColumnName("due_at");
        e.Property(t => t.LegalBasis).HasColumnName("legal_basis");
        e.Property(t => t.CalendarVersion).HasColumnName("calendar_version");
        e.Property(t => t.DueEstimated).HasColumnName("due_estimated");
        e.Property(t => t.CreatedAt).HasColumnName("created_at");
        e.Property(t => t.Status).HasColumnName("status");
        e.Property(t => t.ClaimedBy).HasColumnName("claimed_by");
        e.Property(t => t.ClosedAt).HasColumnName("closed_at");
        e.Property(t => t.ClosedByJson).HasColumnName("closed_by_json");
        e.Property(t => t.Outcome).HasColumnName("outcome");
        e.Property(t => t.DataJson).HasColumnName("data_json");
        e.Property(t => t.Comment).HasColumnName("comment");
        e.HasOne<InstanceRow>().WithMany().HasForeignKey(t => t.InstanceId)
            .HasConstraintName("fk_human_tasks_instance").OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.AssigneeAgency, t.AssigneeRole, t.Status }).HasDatabaseName("ix_human_tasks_assignee");
        e.HasIndex(t => t.InstanceId).HasDatabaseName("ix_human_tasks_instance_id");
    }

    private static void ConfigureJournal(EntityTypeBuilder<JournalRow> e)
    {
        e.ToTable("journal");
        e.HasKey(j => j.Id).HasName("pk_journal");
        e.Property(j => j.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(j => j.InstanceId).HasColumnName("instance_id");
        e.Property(j => j.Sequence).HasColumnName("sequence");
        e.Property(j => j.At).HasColumnName("at");
        e.Property(j => j.Kind).HasColumnName("kind");
        e.Property(j => j.ActivityId).HasColumnName("activity_id");
        e.Property(j => j.ActivityType).HasColumnName("activity_type");
        e.Property(j => j.ExecutionId).HasColumnName("execution_id");
        e.Property(j => j.ActorUser).HasColumnName("actor_user");
        e.Property(j => j.ActorAgency).HasColumnName("actor_agency");
        e.Property(j => j.ActorRole).HasColumnName("actor_role");
        e.Property(j => j.Message).HasColumnName("message");
        e.Property(j => j.DataJson).HasColumnName("data_json");
        e.Property(j => j.Algorithm).HasColumnName("algorithm");
        e.Property(j => j.PreviousHash).HasColumnName("previous_hash");
        e.Property(j => j.Hash).HasColumnName("hash");
        e.HasOne<InstanceRow>().WithMany().HasForeignKey(j => j.InstanceId)
            .HasConstraintName("fk_journal_instance").OnDelete(DeleteBehavior.Cascade);
        // Two steps that both think they are next write the same sequence: the second one must fail.
        e.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique().HasDatabaseName("ux_journal_instance_sequence");
    }

    private static void ConfigureIdempotency(EntityTypeBuilder<IdempotencyRow> e)
    {
        e.ToTable("idempotency_records");
        e.HasKey(r => r.Key).HasName("pk_idempotency_records");
        e.Property(r => r.Key).HasColumnName("key");
        e.Property(r => r.Operation).HasColumnName("operation");
        e.Property(r => r.RequestHash).HasColumnName("request_hash");
        e.Property(r => r.InstanceId).HasColumnName("instance_id");
        e.Property(r => r.ResultJson).HasColumnName("result_json");
        e.Property(r => r.CreatedAt).HasColumnName("created_at");
    }

    private static void ConfigurePendingResumes(EntityTypeBuilder<PendingResumeRow> e)
    {
        e.ToTable("pending_resumes");
        e.HasKey(r => r.Id).HasName("pk_pending_resumes");
        e.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(r => r.InstanceId).HasColumnName("instance_id");
        e.Property(r => r.BookmarkId).HasColumnName("bookmark_id");
        e.Property(r => r.DataJson).HasColumnName("data_json");
        e.Property(r => r.CreatedAt).HasColumnName("created_at");
        e.HasOne<InstanceRow>().WithMany().HasForeignKey(r => r.InstanceId)
            .HasConstraintName("fk_pending_resumes_instance").OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_pending_resumes_created_at");
        e.HasIndex(r => r.InstanceId).HasDatabaseName("ix_pending_resumes_instance_id");
    }

    private static void ConfigureOutbox(EntityTypeBuilder<OutboxRow> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(m => m.Id).HasName("pk_outbox_messages");
        e.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(m => m.InstanceId).HasColumnName("instance_id");
        e.Property(m => m.ActivityId).HasColumnName("activity_id");
        e.Property(m => m.MessageType).HasColumnName("message_type");
        e.Property(m => m.Destination).HasColumnName("destination");
        e.Property(m => m.PayloadJson).HasColumnName("payload_json");
        e.Property(m => m.CreatedAt).HasColumnName("created_at");
        e.Property(m => m.ClaimedBy).HasColumnName("claimed_by");
        e.Property(m => m.ClaimedUntil).HasColumnName("claimed_until");
        e.Property(m => m.Attempts).HasColumnName("attempts");
        e.Property(m => m.SentAt).HasColumnName("sent_at");
        e.Property(m => m.LastError).HasColumnName("last_error");
        // Serves "sent_at IS NULL ORDER BY created_at" of the relay's claim.
        e.HasIndex(m => new { m.SentAt, m.CreatedAt }).HasDatabaseName("ix_outbox_messages_unsent");
        e.HasIndex(m => m.InstanceId).HasDatabaseName("ix_outbox_messages_instance_id");
    }

    private static void ConfigureInbox(EntityTypeBuilder<InboxRow> e)
    {
        e.ToTable("inbox_messages");
        e.HasKey(m => new { m.MessageId, m.InstanceId }).HasName("pk_inbox_messages");
        e.Property(m => m.MessageId).HasColumnName("message_id");
        e.Property(m => m.InstanceId).HasColumnName("instance_id");
        e.Property(m => m.MessageType).HasColumnName("message_type");
        e.Property(m => m.ReceivedAt).HasColumnName("received_at");
    }
}
