using System.Globalization;
using System.Text;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>Makes an uploader's file name safe to keep and to send back: no folders, no control or reserved characters, bounded length.</summary>
public static class AttachmentFileNames
{
    public const int MaxLength = 200;
    private const string Fallback = "附件";

    public static string Sanitise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Fallback;
        // Browsers on Windows may send the full path; keep only the last segment of either separator.
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var builder = new StringBuilder(last.Length);
        foreach (var rune in last.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsControl(rune) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*')
            {
                builder.Append('_');
                continue;
            }
            if (builder.Length + rune.Utf16SequenceLength > MaxLength) break;
            builder.Append(rune.ToString());
        }
        var cleaned = builder.ToString().Trim().Trim('.').Trim();
        return cleaned.Length == 0 ? Fallback : cleaned;
    }
}
