using ConsultFlow.Engine.Alerts;
using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>Turns "a role in an agency" (how processes name people) into the users holding it, from the directory.</summary>
public sealed class RecipientDirectory(IServiceScopeFactory scopes)
{
    /// <summary>One user by id, as a delivery needs them now (their address may have changed since).</summary>
    public async Task<NotificationRecipient?> UserAsync(string userId, CancellationToken ct)
    {
        if (!Guid.TryParse(userId, out var id)) return null;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        return await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new NotificationRecipient(u.Id.ToString(), u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<NotificationRecipient>> UsersAsync(IEnumerable<AlertRecipient> roles, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        var found = new Dictionary<Guid, NotificationRecipient>();
        foreach (var (agency, role) in roles.Distinct())
        {
            var users = await db.Users.AsNoTracking()
                .Where(u => u.AgencyCode == agency && db.UserRoles.Any(r => r.UserId == u.Id && r.Role == role))
                .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.PhoneNumber })
                .ToListAsync(ct);
            foreach (var u in users)
                found.TryAdd(u.Id, new NotificationRecipient(u.Id.ToString(), u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber));
        }
        return found.Values.OrderBy(r => r.UserName, StringComparer.Ordinal).ToList();
    }
}
