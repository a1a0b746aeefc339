using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ConsultFlow.Server.Features.Documents;

/// <summary>
/// Writes a formal document (公文) as .docx: A4 with the margins, fonts and sizes of GB/T 9704-2012 (title in 小标宋
/// 二号, body in 仿宋 三号 on a fixed 28-point line, paragraphs indented two characters). Fonts are named with common
/// fall-backs so the file opens readably where the official fonts are not installed.
/// </summary>
public sealed class DocxWriter
{
    private const string BodyFont = "仿宋_GB2312";
    private const string TitleFont = "方正小标宋简体";
    private const string HeadingFont = "黑体";
    private const string BodySize = "32";   // 三号 16 pt, in half-points
    private const string TitleSize = "44";  // 二号 22 pt
    private const string TableSize = "24";  // 小四 12 pt

    /// <summary>A4 width less the left and right margins, in twips.</summary>
    private const int TextWidth = 11906 - 1588 - 1474;

    private readonly List<OpenXmlElement> blocks = [];

    /// <summary>The issuing agency's name above the title (发文机关标志), in red as is usual.</summary>
    public DocxWriter Masthead(string text)
    {
        blocks.Add(Paragraph(text, JustificationValues.Center, TitleFont, "52", bold: false, color: "C00000", indent: false, spaceAfter: "240"));
        return this;
    }

    public DocxWriter Title(string text)
    {
        blocks.Add(Paragraph(text, JustificationValues.Center, TitleFont, TitleSize, bold: false, indent: false, spaceAfter: "240"));
        return this;
    }

    /// <summary>A reference line (文号) centred under the title.</summary>
    public DocxWriter Reference(string text)
    {
        blocks.Add(Paragraph(text, JustificationValues.Center, BodyFont, BodySize, bold: false, indent: false, spaceAfter: "240"));
        return this;
    }

    /// <summary>The addressee (主送机关), flush left and ending with a full-width colon.</summary>
    public DocxWriter Addressee(string agencyName)
    {
        blocks.Add(Paragraph(agencyName + "：", JustificationValues.Left, BodyFont, BodySize, bold: false, indent: false));
        return this;
    }

    /// <summary>A first-level heading (一、……) in 黑体.</summary>
    public DocxWriter Heading(string text)
    {
        blocks.Add(Paragraph(text, JustificationValues.Left, HeadingFont, BodySize, bold: false, indent: true));
        return this;
    }

    /// <summary>A body paragraph; line breaks in <paramref name="text"/> start new paragraphs.</summary>
    public DocxWriter Text(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
            blocks.Add(Paragraph(line, JustificationValues.Both, BodyFont, BodySize, bold: false, indent: true));
        return this;
    }

    /// <summary>A label in bold followed by its value on the same line (e.g. "当事人：某公司").</summary>
    public DocxWriter Field(string label, string value)
    {
        var paragraph = new Paragraph(ParagraphProperties(JustificationValues.Both, indent: true, spaceAfter: null),
            Run(label + "：", BodyFont, BodySize, bold: true, color: null),
            Run(value, BodyFont, BodySize, bold: false, color: null));
        blocks.Add(paragraph);
        return this;
    }

    /// <summary>The issuing agency and date at the right (落款), with room for the seal.</summary>
    public DocxWriter Signature(string agencyName, string date)
    {
        blocks.Add(Paragraph("", JustificationValues.Right, BodyFont, BodySize, bold: false, indent: false));
        blocks.Add(Paragraph(agencyName + "（印章）", JustificationValues.Right, BodyFont, BodySize, bold: false, indent: false));
        blocks.Add(Paragraph(date, JustificationValues.Right, BodyFont, BodySize, bold: false, indent: false));
        return this;
    }

    /// <summary>A small note at the end (抄送, 联系人), flush left.</summary>
    public DocxWriter Note(string text)
    {
        blocks.Add(Paragraph(text, JustificationValues.Left, BodyFont, "28", bold: false, indent: false));
        return this;
    }

    /// <param name="widths">Relative column widths (equal when absent).</param>
    public DocxWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<int>? widths = null)
    {
        // The schema's order: top, left, bottom, right, insideH, insideV; then tblW before tblBorders, tblGrid before rows.
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var shares = widths ?? headers.Select(_ => 1).ToList();
        var grid = new TableGrid(shares.Select(w => new GridColumn { Width = (TextWidth * w / shares.Sum()).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border), grid);
        table.Append(Row(headers, bold: true));
        foreach (var row in rows) table.Append(Row(row, bold: false));
        blocks.Add(table);
        // Word needs a paragraph between a table and what follows.
        blocks.Add(Paragraph("", JustificationValues.Left, BodyFont, BodySize, bold: false, indent: false));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in blocks) body.Append(block.CloneNode(true));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                // GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (in twentieths of a point).
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = BodyFont },
                    new FontSize { Val = BodySize }, new Languages { EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault()));
            document.PackageProperties.Language = "zh-CN";
        }
        return stream.ToArray();
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool bold) =>
        new(cells.Select(text => new TableCell(
            new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
            new Paragraph(
                new ParagraphProperties(new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto },
                    new Justification { Val = bold ? JustificationValues.Center : JustificationValues.Left }),
                Run(text, BodyFont, TableSize, bold, color: null)))));

    private static Paragraph Paragraph(string text, JustificationValues justification, string font, string size, bool bold,
        bool indent, string? color = null, string? spaceAfter = null) =>
        new(ParagraphProperties(justification, indent, spaceAfter), Run(text, font, size, bold, color));

    private static ParagraphProperties ParagraphProperties(JustificationValues justification, bool indent, string? spaceAfter)
    {
        // The schema orders spacing, indentation, justification; Word refuses a file that does not.
        var properties = new ParagraphProperties(
            // A fixed 28-point line (560 twips), the usual 公文 spacing of 22 lines per page.
            new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, After = spaceAfter ?? "0", Before = "0" });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200, FirstLine = "640" });
        properties.Append(new Justification { Val = justification });
        return properties;
    }

    private static Run Run(string text, string font, string size, bool bold, string? color)
    {
        var properties = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font, Hint = FontTypeHintValues.EastAsia });
        if (bold) properties.Append(new Bold());
        if (color is not null) properties.Append(new Color { Val = color });
        properties.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
