namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// One kind of formal document: the process it belongs to, its title, when it can be drawn up (null, or the reason it
/// cannot yet — Chinese first, English in brackets) and how it is written from the case's facts.
/// </summary>
public sealed record DocumentTemplate(
    string Kind,
    string ProcessId,
    string TitleZh,
    string TitleEn,
    Func<CaseFacts, string?> Unavailable,
    Func<CaseFacts, DocxWriter> Write,
    Func<CaseFacts, string> FileStem);
