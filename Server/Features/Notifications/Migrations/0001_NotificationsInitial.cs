using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.Notifications.Migrations;

/// <summary>The notifications and the journal cursor. Must match <see cref="NotificationsDbContext"/>.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration(Id)]
public sealed class NotificationsInitial : Migration
{
    public const string Id = "00000000000001_NotificationsInitial";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notifications",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                user_id = table.Column<string>(nullable: false),
                kind = table.Column<string>(nullable: false),
                title = table.Column<string>(nullable: false),
                body = table.Column<string>(nullable: false),
                case_id = table.Column<Guid>(nullable: true),
                task_id = table.Column<Guid>(nullable: true),
                dedup_key = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                read_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_notifications", x => x.id));
        migrationBuilder.CreateIndex("ux_notifications_user_dedup", "notifications", ["user_id", "dedup_key"], unique: true);
        migrationBuilder.CreateIndex("ix_notifications_user_created", "notifications", ["user_id", "created_at"]);

        migrationBuilder.CreateTable(
            name: "notification_cursors",
            columns: table => new
            {
                name = table.Column<string>(nullable: false),
                position = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_notification_cursors", x => x.name));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("notification_cursors");
        migrationBuilder.DropTable("notifications");
    }
}
