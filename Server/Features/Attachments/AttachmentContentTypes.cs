namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Whether the bytes look like the declared type, for the types whose signature is known: a file renamed to .pdf is
/// refused rather than served to others as a PDF. Types added in configuration without a known signature are not checked.
/// </summary>
public static class AttachmentContentTypes
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    // Word and Excel (OOXML) and OFD are ZIP packages.
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The media type without parameters, lower case; null when there is none.</summary>
    public static string? Normalize(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media.Length == 0 ? null : media;
    }

    public static bool Matches(string contentType, ReadOnlySpan<byte> head) => contentType switch
    {
        "application/pdf" => head.StartsWith(Pdf),
        "image/jpeg" => head.StartsWith(Jpeg),
        "image/png" => head.StartsWith(Png),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            or "application/ofd" => head.StartsWith(Zip),
        _ => true,
    };
}
