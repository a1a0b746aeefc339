namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// A document a case's process produces: its kind (the download's last path segment), title, file name, and whether it
/// can be drawn up now (otherwise why not, Chinese first).
/// </summary>
public sealed record DocumentInfo(string Kind, string Title, string TitleEn, string FileName, bool Available, string? UnavailableReason, string Url);
