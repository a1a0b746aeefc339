using System.Text;

namespace ConsultFlow.Engine.Text;

/// <summary>
/// What any text a person submits must satisfy beyond its field's own rules: no control characters other than line
/// breaks and tabs, no Unicode non-characters (U+FFFE, U+FFFF …) and no broken surrogate pairs. Such text cannot be
/// printed on a document or stored faithfully in every database, so it is refused rather than silently changed.
/// </summary>
public static class TextRules
{
    public static bool IsPrintable(string text)
    {
        // EnumerateRunes would turn a lone surrogate into U+FFFD, so those are caught first.
        if (HasLoneSurrogate(text)) return false;
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is '\n' or '\r' or '\t') continue;
            if (Rune.IsControl(rune)) return false;
            if ((value & 0xFFFE) == 0xFFFE || value is >= 0xFDD0 and <= 0xFDEF) return false;
        }
        return true;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return true;
                i++;
            }
            else if (char.IsLowSurrogate(text[i])) return true;
        }
        return false;
    }

    /// <summary>Why <paramref name="text"/> is refused, or null; <paramref name="label"/> names the field.</summary>
    public static string? ProblemWith(string text, string label, int maxLength) =>
        text.Length > maxLength
            ? Bilingual.Say($"“{label}”至多 {maxLength} 个字符（现有 {text.Length} 个）。", $"'{label}' takes at most {maxLength} characters (it has {text.Length}).")
            : IsPrintable(text) ? null
            : Bilingual.Say($"“{label}”含有不可打印的控制字符。", $"'{label}' contains control or non-characters.");
}
