using System.Text.RegularExpressions;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// Every change to the directory — agencies, users, roles, locks, passwords, API clients — with its rules, for the
/// endpoints, the first-administrator bootstrap and the demo loader alike. Refusals are <see cref="EngineException"/>s
/// naming the request's fields, so the problem handler turns them into 404, 409 or 422.
/// </summary>
public sealed partial class DirectoryAdministration(ServerDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>An administrator's lock lasts until this (Identity's convention for "locked until unlocked").</summary>
    public static readonly DateTimeOffset IndefiniteLock = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record AgencyData(string Code, string NameZh, string? NameEn, AgencyType Type, string? Region, string? ParentCode);

    public sealed record NewUser(string UserName, string DisplayName, string Agency, IReadOnlyList<string> Roles, string Password, bool MustChangePassword);

    /// <summary>Changes to a user; null leaves a field as it is.</summary>
    public sealed record UserChanges(string? DisplayName, string? Agency, IReadOnlyList<string>? Roles, bool? Locked);

    public sealed record UserView(Guid Id, string UserName, string DisplayName, string Agency, IReadOnlyList<string> Roles,
        bool Locked, DateTimeOffset? LockedUntil, bool MustChangePassword, DateTimeOffset CreatedAt);

    public sealed record ApiClientView(Guid Id, string Agency, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    // ---- agencies ------------------------------------------------------------------------------------------------

    public async Task<Agency> CreateAgencyAsync(AgencyData data, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!AgencyCodePattern().IsMatch(data.Code))
            errors.Add(new("code", "代码须为小写字母开头的 2–32 个小写字母、数字、- 或 _。(Lower-case letters, digits, - or _, starting with a letter.)"));
        await CheckAgencyFieldsAsync(data, errors, ct);
        Refuse(errors);
        if (await db.Agencies.AnyAsync(a => a.Code == data.Code, ct))
            throw new EngineException(EngineErrorCode.Conflict, $"Agency {data.Code} already exists.", [new("code", $"代码 {data.Code} 已存在。")]);

        var now = clock.GetUtcNow();
        var agency = new Agency
        {
            Code = data.Code, NameZh = data.NameZh.Trim(), NameEn = Blank(data.NameEn), Type = data.Type,
            Region = Blank(data.Region), ParentCode = Blank(data.ParentCode), CreatedAt = now, UpdatedAt = now,
        };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return agency;
    }

    public async Task<Agency> UpdateAgencyAsync(string code, AgencyData data, CancellationToken ct)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Code == code, ct)
            ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no agency {code}.");
        var errors = new List<FieldError>();
        if (data.Code != code) errors.Add(new("code", $"正文中的代码 '{data.Code}' 与地址中的 '{code}' 不一致。(The code cannot change.)"));
        await CheckAgencyFieldsAsync(data, errors, ct);
        if (Blank(data.ParentCode) is { } parent && await IsDescendantOrSelfAsync(parent, code, ct))
            errors.Add(new("parentCode", "上级单位不能是本单位或其下级。(The parent cannot be the agency or one below it.)"));
        if (!DirectoryRoles.MayAdministerFrom(data.Type) && await HoldsAdministratorsAsync(code, ct))
            errors.Add(new("type", "本单位有系统管理员，只能是会商办或系统单位。(It has administrators.)"));
        Refuse(errors);

        agency.NameZh = data.NameZh.Trim();
        agency.NameEn = Blank(data.NameEn);
        agency.Type = data.Type;
        agency.Region = Blank(data.Region);
        agency.ParentCode = Blank(data.ParentCode);
        agency.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return agency;
    }

    private async Task CheckAgencyFieldsAsync(AgencyData data, List<FieldError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(data.NameZh) || data.NameZh.Length > 100) errors.Add(new("name.zh", "中文名称必填，最多 100 字。(Required, at most 100 characters.)"));
        if (data.NameEn is { Length: > 200 }) errors.Add(new("name.en", "最多 200 字符。(At most 200 characters.)"));
        if (Blank(data.Region) is { } region && !RegionPattern().IsMatch(region))
            errors.Add(new("region", "区域形如 CN-NX-dawukou。(Like CN-NX-dawukou.)"));
        if (Blank(data.ParentCode) is { } parent && !await db.Agencies.AnyAsync(a => a.Code == parent, ct))
            errors.Add(new("parentCode", $"没有代码为 {parent} 的单位。(No such agency.)"));
    }

    private async Task<bool> IsDescendantOrSelfAsync(string candidate, string code, CancellationToken ct)
    {
        var parents = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.ParentCode, ct);
        for (string? at = candidate; at is not null; at = parents.GetValueOrDefault(at))
            if (at == code) return true;
        return false;
    }

    private Task<bool> HoldsAdministratorsAsync(string code, CancellationToken ct) =>
        db.UserRoles.AnyAsync(r => r.Role == DirectoryRoles.Administrator && db.Users.Any(u => u.Id == r.UserId && u.AgencyCode == code), ct);

    // ---- users ---------------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<UserView>> ListUsersAsync(string? agency, CancellationToken ct)
    {
        var list = await db.Users.AsNoTracking()
            .Where(u => agency == null || u.AgencyCode == agency)
            .OrderBy(u => u.AgencyCode).ThenBy(u => u.UserName)
            .ToListAsync(ct);
        var ids = list.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Role);
        return list.Select(u => View(u, roles[u.Id])).ToList();
    }

    public async Task<UserView> GetUserAsync(Guid id, CancellationToken ct) =>
        View(await FindUserAsync(id, ct), await RolesOfAsync(id, ct));

    public async Task<IReadOnlyList<string>> RolesOfAsync(Guid userId, CancellationToken ct) =>
        await db.UserRoles.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.Role).ToListAsync(ct);

    public async Task<UserView> CreateUserAsync(NewUser data, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(data.DisplayName) || data.DisplayName.Length > 100) errors.Add(new("displayName", "姓名必填，最多 100 字。(Required, at most 100 characters.)"));
        var roles = await CheckRolesAsync(data.Roles, data.Agency, errors, ct);
        errors.AddRange(await CheckPasswordAsync(data.Password, "password"));
        Refuse(errors);

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = data.UserName.Trim(), DisplayName = data.DisplayName.Trim(), AgencyCode = data.Agency,
            MustChangePassword = data.MustChangePassword, CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, data.Password);
        }
        catch (DbUpdateException)
        {
            // Two creations of one name at once: the unique index refused the second.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await users.FindByNameAsync(user.UserName) is null) throw;
            created = IdentityResult.Failed(users.ErrorDescriber.DuplicateUserName(user.UserName));
        }
        Check(created);
        db.UserRoles.AddRange(roles.Select(r => new UserRole { UserId = user.Id, Role = r }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return View(user, roles);
    }

    public async Task<UserView> UpdateUserAsync(Guid id, UserChanges changes, CancellationToken ct)
    {
        var user = await FindUserAsync(id, ct);
        var current = await RolesOfAsync(id, ct);
        var agency = changes.Agency ?? user.AgencyCode;
        var errors = new List<FieldError>();
        if (changes.DisplayName is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 100))
            errors.Add(new("displayName", "姓名必填，最多 100 字。(Required, at most 100 characters.)"));
        var roles = await CheckRolesAsync(changes.Roles ?? current, agency, errors, ct, changes.Roles is null ? "agency" : null);
        Refuse(errors);

        var staysAdministrator = roles.Contains(DirectoryRoles.Administrator) && changes.Locked != true;
        if (current.Contains(DirectoryRoles.Administrator) && !staysAdministrator && !await AnotherActiveAdministratorAsync(id, ct))
            throw new EngineException(EngineErrorCode.Conflict, "This is the last administrator.",
                [new(changes.Locked == true ? "locked" : "roles", "不能锁定或撤销最后一位可用的系统管理员。(Keep at least one active administrator.)")]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (changes.DisplayName is { } displayName) user.DisplayName = displayName.Trim();
        user.AgencyCode = agency;
        if (changes.Locked is { } locked)
        {
            user.LockoutEnd = locked ? IndefiniteLock : null;
            user.AccessFailedCount = 0;
        }
        if (changes.Roles is not null)
        {
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == id).ToListAsync(ct));
            db.UserRoles.AddRange(roles.Select(r => new UserRole { UserId = id, Role = r }));
        }
        // A new stamp ends the user's other sessions when the lock or the agency changed.
        Check(changes.Locked == true || changes.Agency is not null ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user));
        await transaction.CommitAsync(ct);
        return View(user, roles);
    }

    /// <summary>An administrator sets a new password; by default the user must change it at the next sign-in.</summary>
    public async Task ResetPasswordAsync(Guid id, string password, bool mustChange, CancellationToken ct)
    {
        var user = await FindUserAsync(id, ct);
        Refuse(await CheckPasswordAsync(password, "password", user));
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = mustChange;
        user.AccessFailedCount = 0;
        if (user.LockoutEnd < IndefiniteLock) user.LockoutEnd = null;
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Validates a password with Identity's rules; the errors name <paramref name="field"/>.</summary>
    public async Task<List<FieldError>> CheckPasswordAsync(string password, string field, AppUser? user = null)
    {
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user ?? new AppUser(), password);
            errors.AddRange(result.Errors.Select(e => new FieldError(field, e.Description)));
        }
        return errors;
    }

    public async Task<bool> AnyUserAsync(CancellationToken ct) => await db.Users.AnyAsync(ct);

    public async Task<bool> AgencyExistsAsync(string code, CancellationToken ct) => await db.Agencies.AnyAsync(a => a.Code == code, ct);

    /// <summary>An agency created under its bare code (by the first-administrator bootstrap) that still awaits a real name.</summary>
    public async Task<bool> IsUnnamedAgencyAsync(string code, CancellationToken ct) =>
        await db.Agencies.AnyAsync(a => a.Code == code && a.NameZh == code && a.NameEn == null, ct);

    public async Task<bool> UserExistsAsync(string userName, CancellationToken ct) => await users.FindByNameAsync(userName) is not null;

    private async Task<AppUser> FindUserAsync(Guid id, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct)
        ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no user {id}.");

    private Task<bool> AnotherActiveAdministratorAsync(Guid except, CancellationToken ct) =>
        db.UserRoles.AnyAsync(r => r.Role == DirectoryRoles.Administrator && r.UserId != except
            && db.Users.Any(u => u.Id == r.UserId && (u.LockoutEnd == null || u.LockoutEnd < IndefiniteLock)), ct);

    /// <summary>
    /// Known roles, no repeats, and "administrator" only in a coordination office or the system agency. Errors name
    /// <paramref name="agencyField"/> when the agency is what is wrong (it is missing, or a move makes roles invalid).
    /// </summary>
    private async Task<List<string>> CheckRolesAsync(IReadOnlyList<string> roles, string agencyCode, List<FieldError> errors, CancellationToken ct, string? agencyField = null)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == agencyCode, ct);
        if (agency is null) errors.Add(new("agency", $"没有代码为 {agencyCode} 的单位。(No such agency.)"));
        for (var i = 0; i < roles.Count; i++)
            if (!DirectoryRoles.IsKnown(roles[i]))
                errors.Add(new($"roles[{i}]", $"未知角色 '{roles[i]}'；可用：{string.Join(", ", DirectoryRoles.All)}。"));
        if (roles.Count == 0) errors.Add(new("roles", "至少需要一个角色。(At least one role.)"));
        if (agency is not null && roles.Contains(DirectoryRoles.Administrator) && !DirectoryRoles.MayAdministerFrom(agency.Type))
            errors.Add(new(agencyField ?? "roles", "系统管理员只能属于会商办（coordinationOffice）或系统单位（system）。(Administrators belong to a coordination office or the system agency.)"));
        return roles.Distinct(StringComparer.Ordinal).ToList();
    }

    // ---- API clients ---------------------------------------------------------------------------------------------

    public async Task<(ApiClientView Client, string Key)> CreateApiClientAsync(string agency, string name, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100) errors.Add(new("name", "名称必填，最多 100 字。(Required, at most 100 characters.)"));
        var checkedRoles = await CheckRolesAsync(roles, agency, errors, ct);
        Refuse(errors);

        var key = ApiKeys.Generate();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(), AgencyCode = agency, Name = name.Trim(), Roles = ApiClientRoles.Format(checkedRoles),
            KeyHash = ApiKeys.Hash(key), CreatedAt = clock.GetUtcNow(),
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        return (View(client), key);
    }

    public async Task<IReadOnlyList<ApiClientView>> ListApiClientsAsync(CancellationToken ct) =>
        (await db.ApiClients.AsNoTracking().OrderBy(c => c.AgencyCode).ThenBy(c => c.Name).ToListAsync(ct)).Select(View).ToList();

    public async Task<ApiClientView> RevokeApiClientAsync(Guid id, CancellationToken ct)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new EngineException(EngineErrorCode.NotFound, $"There is no API client {id}.");
        client.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return View(client);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private UserView View(AppUser u, IEnumerable<string> roles)
    {
        var locked = u.LockoutEnd is { } end && end > clock.GetUtcNow();
        return new(u.Id, u.UserName ?? "", u.DisplayName, u.AgencyCode, roles.OrderBy(r => DirectoryRoles.All.ToList().IndexOf(r)).ToList(),
            locked, locked && u.LockoutEnd < IndefiniteLock ? u.LockoutEnd : null, u.MustChangePassword, u.CreatedAt);
    }

    private static ApiClientView View(ApiClient c) => new(c.Id, c.AgencyCode, c.Name, ApiClientRoles.Parse(c.Roles), c.CreatedAt, c.RevokedAt);

    private static void Refuse(List<FieldError> errors)
    {
        if (errors.Count > 0) throw new EngineException(EngineErrorCode.Invalid, "The request has invalid fields.", errors);
    }

    /// <summary>Identity's refusals as problems: a taken name is a conflict, the rest name their field.</summary>
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        var errors = result.Errors.Select(e => new FieldError(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "user",
            e.Description)).ToList();
        throw new EngineException(
            result.Errors.Any(e => e.Code is "DuplicateUserName" or "ConcurrencyFailure") ? EngineErrorCode.Conflict : EngineErrorCode.Invalid,
            result.Errors.Any(e => e.Code == "DuplicateUserName") ? "The user name is taken." : "The user cannot be saved.", errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z][a-z0-9_-]{1,31}$")]
    private static partial Regex AgencyCodePattern();

    [GeneratedRegex("^[A-Z]{2}(-[A-Za-z0-9]+){0,4}$")]
    private static partial Regex RegionPattern();
}
