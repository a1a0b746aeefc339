using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework.Migrations;

/// <summary>Every computed due time keeps the calendar version it used and whether that year's calendar was estimated.</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration(Id)]
public sealed class TaskDeadlineProvenance : Migration
{
    public const string Id = "00000000000003_TaskDeadlineProvenance";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "calendar_version", table: "human_tasks", nullable: true);
        migrationBuilder.AddColumn<bool>(name: "due_estimated", table: "human_tasks", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "due_estimated", table: "human_tasks");
        migrationBuilder.DropColumn(name: "calendar_version", table: "human_tasks");
    }
}
