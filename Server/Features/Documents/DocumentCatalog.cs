namespace ConsultFlow.Server.Features.Documents;

/// <summary>The formal documents the shipped processes produce, by process.</summary>
public static class DocumentCatalog
{
    public static IReadOnlyList<DocumentTemplate> All { get; } =
    [
        ReferralLetterTemplate.Template,
        ReconsiderationRequestTemplate.Template,
        ConsultationMinutesTemplate.Template,
        AssistanceLetterTemplate.Template,
    ];

    public static IEnumerable<DocumentTemplate> ForProcess(string processId) => All.Where(t => t.ProcessId == processId);
}
