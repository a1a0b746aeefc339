using System.Text;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// The server's own tables — the directory (agencies, users and their roles), Identity's user claims, logins and
/// tokens, and API clients — in the engine's database but with their own migrations history table, so the two sets of
/// hand-written migrations never see each other's. Names are snake_case like the engine's; the MigrationTests compare
/// the schema migration 0001 builds with the one this model asks for, on SQLite and PostgreSQL.
/// </summary>
public sealed class ServerDbContext(DbContextOptions<ServerDbContext> options) : IdentityUserContext<AppUser, Guid>(options)
{
    public const string MigrationsHistoryTable = "__ServerMigrationsHistory";

    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    /// <summary>Points the context at the engine's database, with the server's own history table.</summary>
    public static void Configure(DbContextOptionsBuilder builder, PersistenceOptions options)
    {
        _ = options.Provider switch
        {
            PersistenceProvider.Sqlite => builder.UseSqlite(options.ConnectionString, s => s.MigrationsHistoryTable(MigrationsHistoryTable)),
            PersistenceProvider.Postgres => builder.UseNpgsql(options.ConnectionString, n => n.MigrationsHistoryTable(MigrationsHistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown persistence provider."),
        };
        // Hand-written migrations without a model snapshot, as in the engine: the MigrationTests check them instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Same rule as the engine: comparable UTC timestamps on both providers (Identity's lockout_end included).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Agency>(e =>
        {
            e.ToTable("agencies");
            e.HasKey(a => a.Code);
            e.Property(a => a.Type).HasConversion<string>();
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AppUser>(e =>
        {
            e.ToTable("users");
            e.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<UserRole>(e =>
        {
            e.ToTable("user_roles");
            e.HasKey(r => new { r.UserId, r.Role });
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ApiClient>(e =>
        {
            e.ToTable("api_clients");
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => c.KeyHash).IsUnique();
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");

        ApplySnakeCaseNames(builder);
    }

    /// <summary>
    /// One naming rule for every table, Identity's included: snake_case columns, pk_TABLE, fk_TABLE_PRINCIPAL,
    /// ix_/ux_TABLE_COLUMNS. Migration 0001 spells out the result.
    /// </summary>
    private static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
            entity.FindPrimaryKey()?.SetName($"pk_{table}");
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName($"fk_{table}_{foreignKey.PrincipalEntityType.GetTableName()}");
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"{(index.IsUnique ? "ux" : "ix")}_{table}_{string.Join("_", index.Properties.Select(p => SnakeCase(p.Name)))}");
        }
    }

    private static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) result.Append('_');
            result.Append(char.ToLowerInvariant(name[i]));
        }
        return result.ToString();
    }
}
