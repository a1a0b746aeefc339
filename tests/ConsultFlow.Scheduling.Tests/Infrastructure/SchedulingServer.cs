using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Scheduling.Tests.Infrastructure;

/// <summary>
/// The real server in memory on a shared <see cref="ManualClock"/>, with the due pump polling often (so a moved clock
/// is noticed at once) and the database it is given: the same SQLite file or PostgreSQL database for several servers in
/// a row (a restart) or at once (a cluster).
/// </summary>
public sealed class SchedulingServer : ServerFactory
{
    public const string Password = "scheduling-tests-password";

    public SchedulingServer(ManualClock clock, string provider, string connectionString, int? smtpPort = null)
    {
        Clock = clock;
        Settings["ConsultFlow:Database:Provider"] = provider;
        Settings["ConsultFlow:Database:ConnectionString"] = connectionString;
        Settings["ConsultFlow:Scheduling:PumpMilliseconds"] = "200";
        Settings["ConsultFlow:Scheduling:QueuePollMilliseconds"] = "200";
        Settings["ConsultFlow:Scheduling:ShutdownSeconds"] = "2";
        if (smtpPort is { } port)
        {
            Settings["ConsultFlow:Notifications:Smtp:Host"] = "127.0.0.1";
            Settings["ConsultFlow:Notifications:Smtp:Port"] = port.ToString();
            Settings["ConsultFlow:Notifications:Smtp:From"] = "alerts@consultflow.test";
        }
    }

    public static string SqliteFile(string folder) => $"Data Source={Path.Combine(folder, "scheduling.db")};Default Timeout=30";

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task PublishAsync(string id, string json)
    {
        var admin = CreateAuthorizedClient();
        (await admin.PutAsync($"/api/definitions/{id}/draft", Json(json))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/definitions/{id}/versions/1/publish", null)).EnsureSuccessStatusCode();
    }

    public async Task CreateAgencyAsync(string code, string name, string type)
    {
        var response = await CreateAuthorizedClient().PostAsJsonAsync("/api/agencies", new { code, name = new { zh = name, en = code }, type, region = "CN" });
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 409)
            throw new InvalidOperationException($"Creating agency {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Creates a user holding one role, with an e-mail address when given; returns the id.</summary>
    public async Task<string> UserAsync(string userName, string agency, string role, string? email = null)
    {
        var id = await CreateUserAsync(userName, agency, [role], Password);
        if (email is not null)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException($"No user {id}.");
            (await users.SetEmailAsync(user, email)).Succeeded.Should().BeTrue();
        }
        return id;
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(Guid instanceId) => await Runtime.Store.GetJournalAsync(instanceId);

    public async Task<WorkflowStatus?> StatusAsync(Guid instanceId) => (await Runtime.GetInstanceAsync(instanceId))?.State.Status;

    public async Task<JsonArray> NotificationsAsync(string userName, string query = "")
    {
        var client = await SignInAsync(userName, Password);
        return (await client.GetFromJsonAsync<JsonArray>($"/api/notifications{query}"))!;
    }
}
