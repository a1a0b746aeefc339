using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.Attachments.Migrations;

/// <summary>
/// The attachments table. Columns name a CLR type but no store type, so each provider picks its own (Guid: TEXT/uuid;
/// DateTime: TEXT/timestamp with time zone). Must match <see cref="AttachmentsDbContext"/>: the migration test compares.
/// </summary>
[DbContext(typeof(AttachmentsDbContext))]
[Migration(Id)]
public sealed class AttachmentsInitial : Migration
{
    public const string Id = "00000000000001_AttachmentsInitial";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "attachments",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                file_name = table.Column<string>(nullable: false),
                content_type = table.Column<string>(nullable: false),
                size = table.Column<long>(nullable: false),
                sha256 = table.Column<string>(nullable: false),
                storage_key = table.Column<string>(nullable: false),
                uploaded_by_user_id = table.Column<string>(nullable: false),
                uploaded_by_user_name = table.Column<string>(nullable: false),
                uploaded_by_agency = table.Column<string>(nullable: true),
                uploaded_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_attachments", x => x.id));

        migrationBuilder.CreateIndex("ix_attachments_instance_id", "attachments", "instance_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("attachments");
    }
}
