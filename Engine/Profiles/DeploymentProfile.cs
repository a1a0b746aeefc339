using System.Text.Json.Serialization;
using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Engine.Profiles;

/// <summary>
/// The local rules a deployment runs under: configuration, not code. Workflows read it in expressions as
/// <c>profile</c> (e.g. <c>{"var": "profile.jurisdictionInterimHandling"}</c>) and name its deadline rules in
/// durations (<c>{"rule": "referral.headDecision"}</c>).
/// </summary>
public sealed record DeploymentProfile
{
    public string Name { get; init; } = "default";
    /// <summary>The profile this one overrides, by name.</summary>
    public string? BasedOn { get; init; }
    public string? Description { get; init; }
    /// <summary>The working-day calendar region ("CN", "CN-NX").</summary>
    public string Region { get; init; } = WorkingDayCalendar.National;
    /// <summary>The share of a period left at which a step turns yellow.</summary>
    public double YellowShare { get; init; } = TrafficLights.DefaultYellowShare;
    public JurisdictionInterimHandling JurisdictionInterimHandling { get; init; } = JurisdictionInterimHandling.Chuxiong;
    /// <summary>Who convenes the regular joint consultation (联合会商), e.g. the township government. Its rhythm is the
    /// deadline rule "consultation.jointRhythm".</summary>
    public string JointConsultationConvener { get; init; } = "gov";
    /// <summary>The agencies that hold the standing roles of the processes, by directory code.</summary>
    public StandingAgencies Agencies { get; init; } = new();
    public IReadOnlyDictionary<string, DeadlineRule> Deadlines { get; init; } = new Dictionary<string, DeadlineRule>();

    [JsonIgnore]
    public static DeploymentProfile Empty { get; } = new();

    public DeadlineRule Rule(string name) =>
        Deadlines.TryGetValue(name, out var rule)
            ? rule
            : throw new InvalidOperationException($"Deployment profile '{Name}' has no deadline rule '{name}'.");
}
