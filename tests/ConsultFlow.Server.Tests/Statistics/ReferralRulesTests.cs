using ConsultFlow.Server.Features.Statistics;

namespace ConsultFlow.Server.Tests.Statistics;

/// <summary>Where each referral and consultation stands, read from the outcomes of its completed tasks.</summary>
public sealed class ReferralRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static IEnumerable<DecisionRow> Case(Guid id, params (string Step, string Outcome)[] steps) =>
        steps.Select((s, i) => new DecisionRow(id, s.Step, s.Outcome, T0.AddHours(i)));

    private static readonly (string, string)[] Transferred = [("headDecision", "approve"), ("transfer", "transferred"), ("receipt", "accept")];

    [Fact]
    public void Each_path_of_the_referral_counts_where_it_ends()
    {
        var decisions = new[]
        {
            Case(Guid.NewGuid(), [.. Transferred, ("policeReview", "file")]),
            Case(Guid.NewGuid(), [.. Transferred, ("policeReview", "extend7"), ("policeReviewExtended7", "extend30"), ("policeReviewExtended30", "file")]),
            // Not filed, reconsidered, filed after all: counted as filed only.
            Case(Guid.NewGuid(), [.. Transferred, ("policeReview", "notFile"), ("notFiledResponse", "requestReconsideration"), ("reconsiderationDecision", "file")]),
            // Supervision led to 通知立案 and the police filed.
            Case(Guid.NewGuid(), [.. Transferred, ("policeReview", "notFile"), ("notFiledResponse", "suggestSupervision"), ("supervisionReview", "requireExplanation"),
                ("procuratorateDecision", "notifyFiling"), ("filingAfterNotice", "file")]),
            // 通知立案 issued, filing awaited: still under supervision.
            Case(Guid.NewGuid(), [.. Transferred, ("policeReview", "notFile"), ("notFiledResponse", "suggestSupervision"), ("supervisionReview", "requireExplanation"),
                ("procuratorateDecision", "notifyFiling")]),
            // Supervision found no grounds: not filed, no longer under supervision.
            Case(Guid.NewGuid(), [.. Transferred, ("policeReview", "notFile"), ("notFiledResponse", "requestReconsideration"), ("reconsiderationDecision", "uphold"),
                ("afterReconsideration", "suggestSupervision"), ("supervisionReview", "noGrounds")]),
            Case(Guid.NewGuid(), [("headDecision", "approve"), ("transfer", "transferred"), ("receipt", "notPoliceCompetence")]),
            Case(Guid.NewGuid(), [("headDecision", "approve"), ("transfer", "transferred")]),
            Case(Guid.NewGuid(), [("headDecision", "refuse")]),
        }.SelectMany(c => c).ToList();

        var figures = ReferralRules.Referrals(10, decisions);

        figures.Should().Be(new ReferralFigures(
            Cases: 10, Referred: 8, Filed: 4, NotFiled: 2, UnderSupervision: 1, SupervisionSuggested: 3, FilingNotified: 2,
            AwaitingDecision: 1, ReturnedNotPolice: 1, TransferRefused: 1, FilingRate: 0.5));
    }

    [Fact]
    public void Nothing_referred_has_no_filing_rate() =>
        ReferralRules.Referrals(2, []).Should().Be(new ReferralFigures(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, null));

    [Fact]
    public void A_consultation_counts_by_the_outcome_recorded_last_or_how_it_ended_otherwise()
    {
        Guid consensus = Guid.NewGuid(), reconsulted = Guid.NewGuid(), recommended = Guid.NewGuid(), urgent = Guid.NewGuid(), rejected = Guid.NewGuid(),
            withdrawn = Guid.NewGuid(), cancelled = Guid.NewGuid(), pending = Guid.NewGuid();
        var decisions = new[]
        {
            Case(consensus, ("review", "accept"), ("recordOutcome", "consensus")),
            Case(reconsulted, ("review", "accept"), ("recordOutcome", "defer"), ("recordOutcome", "consensus")),
            Case(recommended, ("review", "accept"), ("recordOutcome", "officeRecommendation")),
            Case(urgent, ("review", "accept"), ("recordOutcomeUrgent", "urgentDecision")),
            Case(rejected, ("review", "reject")),
            Case(withdrawn, ("review", "return"), ("revise", "withdraw")),
            Case(pending, ("review", "accept")),
        }.SelectMany(c => c);
        var cases = new[] { consensus, reconsulted, recommended, urgent, rejected, withdrawn, pending }.Select(id => (id, "Suspended"))
            .Append((cancelled, "Cancelled")).Append((Guid.NewGuid(), "Running")).ToList();

        ReferralRules.Consultations(cases, decisions).Should().Be(new ConsultationOutcomes(
            Cases: 9, Consensus: 2, Defer: 0, OfficeRecommendation: 1, UrgentDecision: 1, Rejected: 1, Withdrawn: 1, Cancelled: 1, Pending: 2));
    }
}
