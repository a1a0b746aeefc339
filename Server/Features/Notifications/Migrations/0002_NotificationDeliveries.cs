using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.Notifications.Migrations;

/// <summary>Deliveries of notifications through channels (e-mail), with their attempts and last error.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration(Id)]
public sealed class NotificationDeliveries : Migration
{
    public const string Id = "00000000000002_NotificationDeliveries";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notification_deliveries",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                notification_id = table.Column<Guid>(nullable: false),
                channel = table.Column<string>(nullable: false),
                user_id = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                attempts = table.Column<int>(nullable: false),
                last_error = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                last_attempt_at = table.Column<DateTime>(nullable: true),
                sent_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_notification_deliveries", x => x.id));
        migrationBuilder.CreateIndex("ix_notification_deliveries_status", "notification_deliveries", ["status", "created_at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("notification_deliveries");
}
