using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework.Migrations;

/// <summary>
/// Each case's journal becomes a hash chain (its head kept on the case row), and seals over the heads of changed
/// cases get a chain of their own. Existing rows keep their content: the chain columns start empty and
/// <see cref="EvidenceBackfill"/> hashes them in place at start-up, once, in the order they were written.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration(Id)]
public sealed class EvidenceChain : Migration
{
    public const string Id = "00000000000006_EvidenceChain";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "algorithm", table: "journal", nullable: true);
        migrationBuilder.AddColumn<string>(name: "previous_hash", table: "journal", nullable: true);
        migrationBuilder.AddColumn<string>(name: "hash", table: "journal", nullable: true);
        migrationBuilder.AddColumn<long>(name: "chain_length", table: "workflow_instances", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<string>(name: "chain_head", table: "workflow_instances", nullable: true);
        migrationBuilder.AddColumn<long>(name: "sealed_length", table: "workflow_instances", nullable: false, defaultValue: 0L);

        migrationBuilder.CreateTable(
            name: "evidence_seals",
            columns: table => new
            {
                sequence = table.Column<long>(nullable: false),
                at = table.Column<DateTime>(nullable: false),
                algorithm = table.Column<string>(nullable: false),
                case_count = table.Column<int>(nullable: false),
                root = table.Column<string>(nullable: false),
                commands_length = table.Column<long>(nullable: false),
                commands_head = table.Column<string>(nullable: true),
                previous_hash = table.Column<string>(nullable: false),
                hash = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_evidence_seals", x => x.sequence));

        migrationBuilder.CreateTable(
            name: "evidence_seal_entries",
            columns: table => new
            {
                seal_sequence = table.Column<long>(nullable: false),
                position = table.Column<int>(nullable: false),
                instance_id = table.Column<Guid>(nullable: false),
                length = table.Column<long>(nullable: false),
                head = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_evidence_seal_entries", x => new { x.seal_sequence, x.position }));
        migrationBuilder.CreateIndex("ix_evidence_seal_entries_instance", "evidence_seal_entries", ["instance_id", "seal_sequence"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("evidence_seal_entries");
        migrationBuilder.DropTable("evidence_seals");
        foreach (var (table, column) in new[]
        {
            ("workflow_instances", "sealed_length"), ("workflow_instances", "chain_head"), ("workflow_instances", "chain_length"),
            ("journal", "hash"), ("journal", "previous_hash"), ("journal", "algorithm"),
        })
        {
            // EF rebuilds a SQLite table only from a model snapshot, which hand-written migrations lack; SQLite 3.35+
            // drops a plain column itself.
            if (migrationBuilder.IsSqlite()) migrationBuilder.Sql($"ALTER TABLE {table} DROP COLUMN {column};");
            else migrationBuilder.DropColumn(name: column, table: table);
        }
    }
}
