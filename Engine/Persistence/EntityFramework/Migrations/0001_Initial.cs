using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ConsultFlow.Engine.Persistence.EntityFramework.Migrations;

/// <summary>
/// Definitions, instances and their bookmark, task and journal tables. Columns name a CLR type but no store type, so
/// each provider picks its own (Guid: TEXT on SQLite, uuid on PostgreSQL; DateTime: TEXT, timestamp with time zone).
/// Must match <see cref="WorkflowDbContext"/>: the MigrationsMatchModel test compares the two schemas.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration(Id)]
public sealed class Initial : Migration
{
    // EF wants "<14 digits>_<name>" ids; an ordinal instead of a timestamp keeps their order obvious.
    public const string Id = "00000000000001_Initial";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "workflow_definitions",
            columns: table => new
            {
                definition_id = table.Column<string>(nullable: false),
                version = table.Column<int>(nullable: false),
                status = table.Column<string>(nullable: false),
                name = table.Column<string>(nullable: false),
                json = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
                published_at = table.Column<DateTime>(nullable: true),
                retracted_at = table.Column<DateTime>(nullable: true),
                revision = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_workflow_definitions", x => new { x.definition_id, x.version }));

        migrationBuilder.CreateTable(
            name: "workflow_instances",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                definition_id = table.Column<string>(nullable: false),
                definition_version = table.Column<int>(nullable: false),
                status = table.Column<string>(nullable: false),
                correlation_key = table.Column<string>(nullable: true),
                parent_instance_id = table.Column<Guid>(nullable: true),
                state_json = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
                completed_at = table.Column<DateTime>(nullable: true),
                revision = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_workflow_instances", x => x.id));

        migrationBuilder.CreateIndex("ix_workflow_instances_definition", "workflow_instances", ["definition_id", "definition_version"]);
        migrationBuilder.CreateIndex("ix_workflow_instances_status", "workflow_instances", ["status", "created_at"]);
        migrationBuilder.CreateIndex("ix_workflow_instances_correlation_key", "workflow_instances", "correlation_key");
        migrationBuilder.CreateIndex("ix_workflow_instances_parent_instance_id", "workflow_instances", "parent_instance_id");

        migrationBuilder.CreateTable(
            name: "bookmarks",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                activity_id = table.Column<string>(nullable: false),
                kind = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                due_at = table.Column<DateTime>(nullable: true),
                message_name = table.Column<string>(nullable: true),
                correlation_key = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_bookmarks", x => x.id);
                table.ForeignKey("fk_bookmarks_instance", x => x.instance_id, "workflow_instances", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("ix_bookmarks_instance_id", "bookmarks", "instance_id");
        migrationBuilder.CreateIndex("ix_bookmarks_due", "bookmarks", ["kind", "due_at"]);
        migrationBuilder.CreateIndex("ix_bookmarks_message", "bookmarks", ["message_name", "correlation_key"]);

        migrationBuilder.CreateTable(
            name: "human_tasks",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                activity_id = table.Column<string>(nullable: false),
                scope_id = table.Column<Guid>(nullable: true),
                title_json = table.Column<string>(nullable: false),
                description_json = table.Column<string>(nullable: true),
                assignee_agency = table.Column<string>(nullable: false),
                assignee_role = table.Column<string>(nullable: false),
                form_json = table.Column<string>(nullable: false),
                outcomes_json = table.Column<string>(nullable: false),
                due_at = table.Column<DateTime>(nullable: true),
                legal_basis = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                status = table.Column<string>(nullable: false),
                claimed_by = table.Column<string>(nullable: true),
                closed_at = table.Column<DateTime>(nullable: true),
                closed_by_json = table.Column<string>(nullable: true),
                outcome = table.Column<string>(nullable: true),
                data_json = table.Column<string>(nullable: true),
                comment = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_human_tasks", x => x.id);
                table.ForeignKey("fk_human_tasks_instance", x => x.instance_id, "workflow_instances", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("ix_human_tasks_assignee", "human_tasks", ["assignee_agency", "assignee_role", "status"]);
        migrationBuilder.CreateIndex("ix_human_tasks_instance_id", "human_tasks", "instance_id");

        migrationBuilder.CreateTable(
            name: "journal",
            columns: table => new
            {
                // Each provider reads only its own annotation and ignores the other's.
                id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                instance_id = table.Column<Guid>(nullable: false),
                sequence = table.Column<long>(nullable: false),
                at = table.Column<DateTime>(nullable: false),
                kind = table.Column<string>(nullable: false),
                activity_id = table.Column<string>(nullable: true),
                activity_type = table.Column<string>(nullable: true),
                execution_id = table.Column<Guid>(nullable: true),
                actor_user = table.Column<string>(nullable: true),
                actor_agency = table.Column<string>(nullable: true),
                actor_role = table.Column<string>(nullable: true),
                message = table.Column<string>(nullable: true),
                data_json = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_journal", x => x.id);
                table.ForeignKey("fk_journal_instance", x => x.instance_id, "workflow_instances", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("ux_journal_instance_sequence", "journal", ["instance_id", "sequence"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("journal");
        migrationBuilder.DropTable("human_tasks");
        migrationBuilder.DropTable("bookmarks");
        migrationBuilder.DropTable("workflow_instances");
        migrationBuilder.DropTable("workflow_definitions");
    }
}
