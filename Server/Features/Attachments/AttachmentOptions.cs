namespace ConsultFlow.Server.Features.Attachments;

/// <summary>The "ConsultFlow:Attachments" configuration section: where evidence files go, how large and of which types.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "ConsultFlow:Attachments";

    /// <summary>The types accepted when none are configured: PDF, JPEG, PNG, Word and Excel (OOXML) and OFD (GB/T 33190).</summary>
    public static readonly IReadOnlyList<string> DefaultContentTypes =
    [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/ofd",
    ];

    /// <summary>Folder of the stored files; relative paths are under the content root. Default app-data/attachments.</summary>
    public string? Path { get; set; }

    /// <summary>Largest accepted file, in bytes. Default 20 MiB.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Accepted content types (exact media types, without parameters); default <see cref="DefaultContentTypes"/>.
    /// Null by default because the configuration binder appends configured array items to a non-empty default.
    /// </summary>
    public string[]? AllowedContentTypes { get; set; }

    public IReadOnlyList<string> EffectiveContentTypes =>
        AllowedContentTypes is { Length: > 0 } configured ? configured.Select(t => t.Trim().ToLowerInvariant()).ToList() : DefaultContentTypes;

    public string ResolvePath(string contentRoot) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine("app-data", "attachments") : Path)));
}
