using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Engine.Profiles;

/// <summary>
/// A named step limit (e.g. "referral.headDecision": 3 days, 国务院令第310号 第五条). Workflows refer to it by name, so the
/// unit of an ambiguous statute (calendar or working days) is chosen per deployment, not per workflow.
/// </summary>
public sealed record DeadlineRule(int Amount, PeriodUnit Unit, string LegalBasis)
{
    public string? Region { get; init; }
    public string? Note { get; init; }
}
