using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.State;
using ConsultFlow.Scheduling.Tests.Infrastructure;

namespace ConsultFlow.Scheduling.Tests.Scheduling;

/// <summary>
/// The regular joint consultation (联合会商, default profile: "consultation.jointRhythm" = 6 months, convened by gov):
/// started once per half year at the period's start, even with two nodes, and the convener's leader is told.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JointConsultationTests(PostgresServer postgres)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task Each_half_year_starts_one_joint_consultation_and_prompts_the_convener_even_with_two_nodes()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 6, 30, 23, 0, 0, Beijing));
        var database = await postgres.CreateDatabaseAsync();
        await using var first = new SchedulingServer(clock, "Postgres", database);
        await first.CreateAgencyAsync("gov", "区政府", "government");
        await first.UserAsync("gov-leader", "gov", "leader");
        await first.UserAsync("gov-contact", "gov", "contact");
        await using var second = new SchedulingServer(clock, "Postgres", database);
        _ = second.Services;

        (await JointAsync(first)).Should().BeEmpty("a new installation is first prompted at the next period's start");

        clock.Set(new DateTimeOffset(2026, 7, 1, 0, 0, 5, Beijing));
        await Eventually.WaitAsync(() => JointAsync(first), l => l.Count > 0, "the second half-year's joint consultation");
        await Task.Delay(3000);
        var started = (await JointAsync(second)).Should().ContainSingle().Subject;
        var convene = (await first.Runtime.Store.ListTasksAsync(new TaskQuery { InstanceId = started.InstanceId })).Should().ContainSingle().Subject;
        convene.AssigneeAgency.Should().Be("gov");
        convene.AssigneeRole.Should().Be("leader");

        var prompts = await Eventually.WaitAsync(() => first.NotificationsAsync("gov-leader"),
            n => n.Any(x => x!["kind"]!.GetValue<string>() == "jointConsultationDue"), "the convener's prompt");
        var prompt = prompts.Single(x => x!["kind"]!.GetValue<string>() == "jointConsultationDue")!;
        prompt["title"]!.GetValue<string>().Should().Be("联合会商提示：2026年下半年");
        prompt["body"]!.GetValue<string>().Should().Contain("S001 第二十条");
        prompt["caseId"]!.GetValue<string>().Should().Be(started.InstanceId.ToString());
        (await first.NotificationsAsync("gov-contact")).Should().NotContain(x => x!["kind"]!.GetValue<string>() == "jointConsultationDue");

        // Later in the same half year: nothing new. The next half year: the next one.
        clock.Set(new DateTimeOffset(2026, 10, 1, 0, 0, 0, Beijing));
        await Task.Delay(2500);
        (await JointAsync(first)).Should().HaveCount(1);
        clock.Set(new DateTimeOffset(2027, 1, 1, 0, 0, 5, Beijing));
        await Eventually.WaitAsync(() => JointAsync(first), l => l.Count > 1, "the first half-year of 2027");
        await Task.Delay(3000);
        (await JointAsync(second)).Should().HaveCount(2);
        var leader = await Eventually.WaitAsync(() => first.NotificationsAsync("gov-leader"),
            n => n.Count(x => x!["kind"]!.GetValue<string>() == "jointConsultationDue") == 2, "the 2027 prompt");
        leader.Select(x => x!["title"]!.GetValue<string>()).Should().Contain("联合会商提示：2027年上半年");
    }

    private static async Task<IReadOnlyList<InstanceSummary>> JointAsync(SchedulingServer server) =>
        await server.Runtime.Store.ListInstancesAsync(new InstanceQuery { DefinitionId = "joint-consultation" });
}
