using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework.Migrations;

/// <summary>The transactional outbox (messages written with the step that sends them) and the inbox of received ones.</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration(Id)]
public sealed class Outbox : Migration
{
    public const string Id = "00000000000005_Outbox";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                activity_id = table.Column<string>(nullable: false),
                message_type = table.Column<string>(nullable: false),
                destination = table.Column<string>(nullable: true),
                payload_json = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                claimed_by = table.Column<string>(nullable: true),
                claimed_until = table.Column<DateTime>(nullable: true),
                attempts = table.Column<int>(nullable: false),
                sent_at = table.Column<DateTime>(nullable: true),
                last_error = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_outbox_messages", x => x.id));
        migrationBuilder.CreateIndex("ix_outbox_messages_unsent", "outbox_messages", ["sent_at", "created_at"]);
        migrationBuilder.CreateIndex("ix_outbox_messages_instance_id", "outbox_messages", "instance_id");

        migrationBuilder.CreateTable(
            name: "inbox_messages",
            columns: table => new
            {
                message_id = table.Column<Guid>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                message_type = table.Column<string>(nullable: false),
                received_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.instance_id }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("inbox_messages");
        migrationBuilder.DropTable("outbox_messages");
    }
}
