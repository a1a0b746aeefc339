using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// Loads <see cref="DemoDistrict"/>: creates the agencies and users that are missing and leaves everything that exists
/// alone (its passwords included), so it can be run again. Passwords are either the one given (never a built-in
/// one) or random, and are returned only for the users created now.
/// </summary>
public sealed class DemoDataLoader(DirectoryAdministration directory)
{
    public sealed record DemoAccount(string UserName, string DisplayName, string Agency, string Role, string Password);
    public sealed record DemoResult(int AgenciesCreated, int UsersCreated, IReadOnlyList<DemoAccount> Accounts);

    public async Task<DemoResult> LoadAsync(string? password, CancellationToken ct)
    {
        if (password is not null)
        {
            var problems = await directory.CheckPasswordAsync(password, "password");
            if (problems.Count > 0) throw new EngineException(EngineErrorCode.Invalid, "The demo password does not meet the policy.", problems);
        }

        var agencies = 0;
        foreach (var a in DemoDistrict.Agencies)
        {
            if (await directory.AgencyExistsAsync(a.Code, ct))
            {
                // The first administrator's agency (e.g. sfj) was created under its bare code: give it the demo's name.
                if (await directory.IsUnnamedAgencyAsync(a.Code, ct))
                    await directory.UpdateAgencyAsync(a.Code, new(a.Code, a.NameZh, a.NameEn, a.Type, DemoDistrict.Region, a.Parent), ct);
                continue;
            }
            await directory.CreateAgencyAsync(new(a.Code, a.NameZh, a.NameEn, a.Type, DemoDistrict.Region, a.Parent), ct);
            agencies++;
        }

        var accounts = new List<DemoAccount>();
        foreach (var a in DemoDistrict.Agencies)
        {
            foreach (var role in a.Roles)
            {
                var userName = DemoDistrict.UserName(a.Code, role);
                if (await directory.UserExistsAsync(userName, ct)) continue;
                var displayName = $"{a.ShortName}{DirectoryRoles.ChineseName(role)}";
                var chosen = password ?? Security.FirstAdministrator.GeneratePassword(14);
                // Demo accounts are for trying the product: no forced change at first sign-in.
                await directory.CreateUserAsync(new(userName, displayName, a.Code, [role], chosen, MustChangePassword: false), ct);
                accounts.Add(new(userName, displayName, a.Code, role, chosen));
            }
        }
        return new DemoResult(agencies, accounts.Count, accounts);
    }
}
