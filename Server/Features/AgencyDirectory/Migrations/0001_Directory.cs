using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ConsultFlow.Server.Features.AgencyDirectory.Migrations;

/// <summary>
/// The directory (agencies, users, user_roles), Identity's per-user tables (claims, logins, tokens) and API clients.
/// Columns name a CLR type but no store type, as in the engine's migrations, so each provider picks its own; the
/// Identity string lengths (256) are kept because PostgreSQL then makes them varchar(256) like the model does.
/// Must match <see cref="ServerDbContext"/>: the MigrationTests compare the two schemas.
/// </summary>
[DbContext(typeof(ServerDbContext))]
[Migration(Id)]
public sealed class InitialDirectory : Migration
{
    public const string Id = "00000000000001_Directory";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "agencies",
            columns: table => new
            {
                code = table.Column<string>(nullable: false),
                name_zh = table.Column<string>(nullable: false),
                name_en = table.Column<string>(nullable: true),
                type = table.Column<string>(nullable: false),
                region = table.Column<string>(nullable: true),
                parent_code = table.Column<string>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_agencies", x => x.code);
                table.ForeignKey("fk_agencies_agencies", x => x.parent_code, "agencies", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_agencies_parent_code", "agencies", "parent_code");

        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                display_name = table.Column<string>(nullable: false),
                agency_code = table.Column<string>(nullable: false),
                must_change_password = table.Column<bool>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                user_name = table.Column<string>(maxLength: 256, nullable: true),
                normalized_user_name = table.Column<string>(maxLength: 256, nullable: true),
                email = table.Column<string>(maxLength: 256, nullable: true),
                normalized_email = table.Column<string>(maxLength: 256, nullable: true),
                email_confirmed = table.Column<bool>(nullable: false),
                password_hash = table.Column<string>(nullable: true),
                security_stamp = table.Column<string>(nullable: true),
                concurrency_stamp = table.Column<string>(nullable: true),
                phone_number = table.Column<string>(nullable: true),
                phone_number_confirmed = table.Column<bool>(nullable: false),
                two_factor_enabled = table.Column<bool>(nullable: false),
                lockout_end = table.Column<DateTime>(nullable: true),
                lockout_enabled = table.Column<bool>(nullable: false),
                access_failed_count = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.ForeignKey("fk_users_agencies", x => x.agency_code, "agencies", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_users_agency_code", "users", "agency_code");
        migrationBuilder.CreateIndex("ix_users_normalized_email", "users", "normalized_email");
        migrationBuilder.CreateIndex("ux_users_normalized_user_name", "users", "normalized_user_name", unique: true);

        migrationBuilder.CreateTable(
            name: "user_roles",
            columns: table => new
            {
                user_id = table.Column<Guid>(nullable: false),
                role = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role });
                table.ForeignKey("fk_user_roles_users", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "user_claims",
            columns: table => new
            {
                // Each provider reads only its own annotation and ignores the other's.
                id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                user_id = table.Column<Guid>(nullable: false),
                claim_type = table.Column<string>(nullable: true),
                claim_value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_claims", x => x.id);
                table.ForeignKey("fk_user_claims_users", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_user_claims_user_id", "user_claims", "user_id");

        migrationBuilder.CreateTable(
            name: "user_logins",
            columns: table => new
            {
                login_provider = table.Column<string>(nullable: false),
                provider_key = table.Column<string>(nullable: false),
                provider_display_name = table.Column<string>(nullable: true),
                user_id = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                table.ForeignKey("fk_user_logins_users", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_user_logins_user_id", "user_logins", "user_id");

        migrationBuilder.CreateTable(
            name: "user_tokens",
            columns: table => new
            {
                user_id = table.Column<Guid>(nullable: false),
                login_provider = table.Column<string>(nullable: false),
                name = table.Column<string>(nullable: false),
                value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                table.ForeignKey("fk_user_tokens_users", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "api_clients",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                agency_code = table.Column<string>(nullable: false),
                name = table.Column<string>(nullable: false),
                roles = table.Column<string>(nullable: false),
                key_hash = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                revoked_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_api_clients", x => x.id);
                table.ForeignKey("fk_api_clients_agencies", x => x.agency_code, "agencies", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_api_clients_agency_code", "api_clients", "agency_code");
        migrationBuilder.CreateIndex("ux_api_clients_key_hash", "api_clients", "key_hash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("api_clients");
        migrationBuilder.DropTable("user_tokens");
        migrationBuilder.DropTable("user_logins");
        migrationBuilder.DropTable("user_claims");
        migrationBuilder.DropTable("user_roles");
        migrationBuilder.DropTable("users");
        migrationBuilder.DropTable("agencies");
    }
}
