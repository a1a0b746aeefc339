using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework.Migrations;

/// <summary>Resumes owed between instances, and the first results of idempotent requests.</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration(Id)]
public sealed class ResumesAndIdempotency : Migration
{
    public const string Id = "00000000000002_ResumesAndIdempotency";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "pending_resumes",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                bookmark_id = table.Column<Guid>(nullable: false),
                data_json = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_pending_resumes", x => x.id);
                table.ForeignKey("fk_pending_resumes_instance", x => x.instance_id, "workflow_instances", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("ix_pending_resumes_created_at", "pending_resumes", "created_at");
        migrationBuilder.CreateIndex("ix_pending_resumes_instance_id", "pending_resumes", "instance_id");

        migrationBuilder.CreateTable(
            name: "idempotency_records",
            columns: table => new
            {
                key = table.Column<string>(nullable: false),
                operation = table.Column<string>(nullable: false),
                request_hash = table.Column<string>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                result_json = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_idempotency_records", x => x.key));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("idempotency_records");
        migrationBuilder.DropTable("pending_resumes");
    }
}
