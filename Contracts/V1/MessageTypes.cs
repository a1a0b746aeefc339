namespace ConsultFlow.Contracts.V1;

/// <summary>Every message type of version 1, by the name a process uses for it (the type's name, e.g. "ReceiptSigned").</summary>
public static class MessageTypes
{
    public static IReadOnlyList<Type> All { get; } = [typeof(ConsultationRequested), typeof(MeetingConvened), typeof(OpinionRequested), typeof(OpinionSubmitted), typeof(DecisionRecorded), typeof(Escalated), typeof(DisputeRaised), typeof(JurisdictionDesignated), typeof(CaseReferred), typeof(ReceiptSigned), typeof(MaterialsIncomplete), typeof(CaseForwarded), typeof(CaseFiled), typeof(CaseNotFiled), typeof(ReconsiderationRequested), typeof(ReconsiderationDecided), typeof(SupervisionRequested), typeof(AssistanceRequested), typeof(AssistanceAnswered), typeof(ReverseReferralIssued), typeof(ReverseReferralAnswered)];

    private static readonly Dictionary<string, Type> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static Type? Find(string name) => ByName.GetValueOrDefault(name);
}
