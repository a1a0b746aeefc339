using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Workflows.Tests.Infrastructure;

namespace ConsultFlow.Workflows.Tests.Jurisdiction;

/// <summary>Shared helpers for the jurisdiction, case-transfer and first-contact workflows.</summary>
internal static class JurisdictionTestKit
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>A complete dispute registration; <paramref name="change"/> adjusts it per test.</summary>
    public static string Dispute(Action<JsonObject>? change = null)
    {
        var input = new JsonObject
        {
            ["agencies"] = new JsonArray(Agencies.MarketRegulation, Agencies.NaturalResources),
            ["matter"] = "星海镇某地块违法占地建设经营场所",
            ["disputeType"] = "claim",
            ["facts"] = "2026年3月1日巡查发现当事人未经批准占用耕地搭建经营用房并无照经营。",
            ["firstDiscoverer"] = Agencies.MarketRegulation,
            ["discoveredAt"] = "2026-03-01T10:00:00+08:00",
            ["legalBasis"] = "《行政处罚法》第二十五条",
            ["positions"] = new JsonArray(
                new JsonObject { ["agency"] = Agencies.MarketRegulation, ["position"] = "属无照经营，由本局管辖" },
                new JsonObject { ["agency"] = Agencies.NaturalResources, ["position"] = "属非法占地，由本局管辖" }),
        };
        change?.Invoke(input);
        return input.ToJsonString();
    }

    public static async Task<HumanTask> ShouldBeAssigned(this Task<HumanTask> pending, string agency, string role)
    {
        var task = await pending;
        task.AssigneeAgency.Should().Be(agency);
        task.AssigneeRole.Should().Be(role);
        return task;
    }

    public static DateTimeOffset Midnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, Beijing);

    public static async Task<IReadOnlyList<string>> OpenActivities(this DomainHarness harness, Guid instanceId) =>
        (await harness.OpenTasksAsync(instanceId)).Select(t => $"{t.ActivityId}@{t.AssigneeAgency}").ToList();

    public static async Task<EngineException> Rejected(Func<Task> act) =>
        (await act.Should().ThrowAsync<EngineException>()).Which;

    public static string Str(JsonNode? node) => node!.GetValue<string>();
}
