using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ConsultFlow.Server.Tests.Documents;

/// <summary>A downloaded .docx opened with the Open XML SDK: its paragraphs' text, its tables, and schema errors.</summary>
public sealed class DocxText
{
    private DocxText(IReadOnlyList<string> paragraphs, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> tables, IReadOnlyList<string> errors)
    {
        Paragraphs = paragraphs;
        Tables = tables;
        SchemaErrors = errors;
    }

    /// <summary>Every body paragraph outside tables, in order.</summary>
    public IReadOnlyList<string> Paragraphs { get; }

    /// <summary>Each table as rows of cell texts.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables { get; }

    /// <summary>What the SDK's validator (Office 2019 schema) finds wrong with the file; Word refuses files with such errors.</summary>
    public IReadOnlyList<string> SchemaErrors { get; }

    public string All => string.Join("\n", Paragraphs);

    public static DocxText Open(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var tables = body.Elements<Table>()
            .Select(t => (IReadOnlyList<IReadOnlyList<string>>)t.Elements<TableRow>()
                .Select(r => (IReadOnlyList<string>)r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList())
            .ToList();
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        return new DocxText(paragraphs, tables, errors);
    }
}
