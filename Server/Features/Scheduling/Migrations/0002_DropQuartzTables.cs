using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.Scheduling.Migrations;

/// <summary>
/// Scheduling moved from Quartz.NET to Hangfire: Quartz's tables go. Their pending work is not copied row by row
/// because it was never the truth: every trigger was derived from the engine's timer bookmarks and open tasks, and the
/// <see cref="DueWorkReconciler"/> derives the Hangfire jobs from the same rows at the first start after this
/// migration (a trigger that was due during the upgrade fires then, journaled as late). Hangfire's own tables are made
/// by Hangfire.PostgreSql in its schema "hangfire". Nothing on SQLite (there never were Quartz tables).
/// </summary>
[DbContext(typeof(SchedulingDbContext))]
[Migration(Id)]
public sealed class DropQuartzTables : Migration
{
    public const string Id = "00000000000002_DropQuartzTables";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (!IsPostgres(migrationBuilder)) return;
        foreach (var table in QuartzTables.DropOrder) migrationBuilder.Sql($"DROP TABLE IF EXISTS {table} CASCADE;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!IsPostgres(migrationBuilder)) return;
        foreach (var sql in QuartzTables.Tables) migrationBuilder.Sql(sql + ";");
    }

    private static bool IsPostgres(MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
