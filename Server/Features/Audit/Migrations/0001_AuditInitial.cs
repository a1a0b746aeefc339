using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.Audit.Migrations;

/// <summary>
/// The audit table. Columns name a CLR type but no store type, so each provider picks its own (long: INTEGER/bigint;
/// DateTime: TEXT/timestamp with time zone). Must match <see cref="AuditDbContext"/>: the audit migration test compares.
/// </summary>
[DbContext(typeof(AuditDbContext))]
[Migration(Id)]
public sealed class AuditInitial : Migration
{
    public const string Id = "00000000000001_AuditInitial";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_records",
            columns: table => new
            {
                sequence = table.Column<long>(nullable: false),
                at = table.Column<DateTime>(nullable: false),
                user_id = table.Column<string>(nullable: true),
                user_name = table.Column<string>(nullable: true),
                agency = table.Column<string>(nullable: true),
                roles = table.Column<string>(nullable: false),
                action = table.Column<string>(nullable: false),
                target = table.Column<string>(nullable: true),
                before_json = table.Column<string>(nullable: true),
                after_json = table.Column<string>(nullable: true),
                previous_hash = table.Column<string>(nullable: false),
                hash = table.Column<string>(nullable: false),
                algorithm = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_audit_records", x => x.sequence));

        migrationBuilder.CreateIndex("ix_audit_records_target", "audit_records", "target");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("audit_records");
    }
}
