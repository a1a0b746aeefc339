namespace ConsultFlow.Server.Features.Statistics;

/// <summary>
/// How the figures read the shipped processes (Workflows/criminal-referral.json, Workflows/consultation.json): which
/// task of which step with which outcome means what. A definition that renames these steps needs this class changed.
/// </summary>
public static class ReferralRules
{
    public const string ReferralProcess = "criminal-referral";
    public const string ConsultationProcess = "consultation";

    private static readonly string[] PoliceReviews = ["policeReview", "policeReviewExtended7", "policeReviewExtended30"];
    private static readonly string[] FilingSteps = [.. PoliceReviews, "reconsiderationDecision", "filingAfterNotice"];
    private static readonly string[] SupervisionRequests = ["notFiledResponse", "afterReconsideration"];

    /// <summary>The referral steps whose completed tasks the figures need.</summary>
    public static readonly string[] ReferralSteps =
        [.. FilingSteps, .. SupervisionRequests, "transfer", "headDecision", "receipt", "supervisionReview", "procuratorateDecision"];

    private static readonly string[] OutcomeSteps = ["recordOutcome", "recordOutcomeUrgent"];

    /// <summary>The consultation steps whose completed tasks the figures need.</summary>
    public static readonly string[] ConsultationSteps = [.. OutcomeSteps, "review", "revise"];

    public static ReferralFigures Referrals(int cases, IEnumerable<DecisionRow> decisions)
    {
        int referred = 0, filed = 0, notFiled = 0, underSupervision = 0, suggested = 0, notified = 0, awaiting = 0, returned = 0, refused = 0;
        foreach (var instance in decisions.GroupBy(d => d.InstanceId))
        {
            bool Has(string outcome, params string[] steps) => instance.Any(d => d.Outcome == outcome && steps.Contains(d.ActivityId));

            var isReferred = Has("transferred", "transfer");
            var isFiled = Has("file", FilingSteps);
            var decidedNotToFile = Has("notFile", PoliceReviews);
            var isReturned = Has("notPoliceCompetence", "receipt");
            var supervisionAsked = Has("suggestSupervision", SupervisionRequests);
            var supervisionClosed = Has("noGrounds", "supervisionReview") || Has("acceptReasons", "procuratorateDecision");

            if (isReferred) referred++;
            if (isFiled) filed++;
            if (decidedNotToFile && !isFiled) notFiled++;
            if (supervisionAsked) suggested++;
            if (supervisionAsked && !isFiled && !supervisionClosed) underSupervision++;
            if (Has("notifyFiling", "procuratorateDecision")) notified++;
            if (isReferred && !isFiled && !decidedNotToFile && !isReturned) awaiting++;
            if (isReturned && !isFiled) returned++;
            if (Has("refuse", "headDecision") && !isReferred) refused++;
        }
        return new ReferralFigures(cases, referred, filed, notFiled, underSupervision, suggested, notified, awaiting, returned, refused,
            referred == 0 ? null : Math.Round((double)filed / referred, 4));
    }

    /// <param name="cases">Each counted consultation and its status name.</param>
    public static ConsultationOutcomes Consultations(IReadOnlyList<(Guid InstanceId, string Status)> cases, IEnumerable<DecisionRow> decisions)
    {
        var byInstance = decisions.ToLookup(d => d.InstanceId);
        int consensus = 0, defer = 0, recommendation = 0, urgent = 0, rejected = 0, withdrawn = 0, cancelled = 0, pending = 0;
        foreach (var (id, status) in cases)
        {
            var rows = byInstance[id].ToList();
            // A deferred consultation may be re-consulted: the outcome recorded last is where it stands.
            var last = rows.Where(d => OutcomeSteps.Contains(d.ActivityId)).OrderBy(d => d.ClosedAt).LastOrDefault()?.Outcome;
            switch (last)
            {
                case "consensus": consensus++; break;
                case "defer": defer++; break;
                case "officeRecommendation": recommendation++; break;
                case "urgentDecision": urgent++; break;
                default:
                    if (rows.Any(d => d.ActivityId == "review" && d.Outcome == "reject")) rejected++;
                    else if (rows.Any(d => d.ActivityId == "revise" && d.Outcome == "withdraw")) withdrawn++;
                    else if (status == nameof(Engine.State.WorkflowStatus.Cancelled)) cancelled++;
                    else pending++;
                    break;
            }
        }
        return new ConsultationOutcomes(cases.Count, consensus, defer, recommendation, urgent, rejected, withdrawn, cancelled, pending);
    }
}
