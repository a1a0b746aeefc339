using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework.Migrations;

/// <summary>The agency that started a case, so that "the cases my agency is party to" is one indexed query.</summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration(Id)]
public sealed class CaseParties : Migration
{
    public const string Id = "00000000000004_CaseParties";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "started_by_agency", table: "workflow_instances", nullable: true);
        migrationBuilder.CreateIndex("ix_workflow_instances_started_by_agency", "workflow_instances", "started_by_agency");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_workflow_instances_started_by_agency", "workflow_instances");
        migrationBuilder.DropColumn(name: "started_by_agency", table: "workflow_instances");
    }
}
