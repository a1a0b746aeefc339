using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Activities.Timing;

/// <summary>
/// A period as written in a definition: either a deadline rule of the deployment profile,
/// <c>{"rule": "referral.headDecision"}</c>, or literally <c>{"amount": 3, "unit": "workingDays", "legalBasis": "…"}</c>.
/// Literal fields override the rule's (a workflow may keep the rule's legal basis and shorten nothing else).
/// </summary>
public sealed record DurationInput(int? Amount = null, PeriodUnit? Unit = null, string? LegalBasis = null, string? Region = null, string? Rule = null)
{
    public Deadline DueFrom(ActivityContext context, DateTimeOffset start)
    {
        var rule = Rule is null ? null : context.Profile.Rule(Rule);
        var amount = Amount ?? rule?.Amount ?? throw new InvalidOperationException("A duration needs an amount or a rule.");
        var unit = Unit ?? rule?.Unit ?? throw new InvalidOperationException("A duration needs a unit or a rule.");
        return context.DueFrom(start, new Period(amount, unit), LegalBasis ?? rule?.LegalBasis, Region ?? rule?.Region);
    }
}
