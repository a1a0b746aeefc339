using System.Net;
using ConsultFlow.Server.Tests.EndToEnd;
using ConsultFlow.Server.Tests.EndToEnd.Processes;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// Hangfire's dashboard at /admin/jobs behind the application's own sign-in: the office (administrators, and read-only
/// its coordinators) sees it; the anonymous get 401, everyone else 403. Only its pages may run inline script.
/// </summary>
[Collection(ProcessServerCollection.Name)]
public sealed class JobsDashboardTests(SqliteLoopbackServer server)
{
    [Fact]
    public async Task Only_the_office_sees_the_jobs_dashboard()
    {
        using var anonymous = server.Anonymous();
        (await anonymous.GetAsync("admin/jobs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        foreach (var outsider in new[] { "scjg-staff", "scjg-leader", "jcy-staff" })
        {
            using var session = await server.SignInAsync(outsider);
            (await session.GetAsync("/admin/jobs")).StatusCode.Should().Be(HttpStatusCode.Forbidden, outsider);
        }

        using var coordinator = await server.SignInAsync("sfj-coordinator");
        var page = await coordinator.GetAsync("/admin/jobs");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        // Hangfire ships Chinese labels; the request's culture (Chinese unless the browser asks for English) picks them.
        (await page.Content.ReadAsStringAsync()).Should().Contain("Hangfire").And.MatchRegex("[\u4e00-\u9fff]{2}");
        string.Join(";", page.Headers.GetValues("Content-Security-Policy")).Should().Contain("frame-ancestors 'none'");
        // Read-only: a coordinator's command (trigger a recurring job) is refused by the dashboard.
        var trigger = await coordinator.PostRawAsync("/admin/jobs/recurring/trigger", "jobs[]=consultflow-reconcile", "application/x-www-form-urlencoded");
        ((int)trigger.StatusCode).Should().BeOneOf(401, 403);

        using var administrator = await server.SignInAsync(LoopbackServer.AdminUserName, LoopbackServer.AdminPassword);
        (await administrator.GetAsync("/admin/jobs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var byAdministrator = await administrator.PostRawAsync("/admin/jobs/recurring/trigger", "jobs[]=consultflow-reconcile", "application/x-www-form-urlencoded");
        ((int)byAdministrator.StatusCode).Should().BeInRange(200, 299, "administrators may act");
    }
}
