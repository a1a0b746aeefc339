namespace ConsultFlow.Server.Features.Attachments;

/// <summary>A row of <c>attachments</c>: one stored evidence file of a case. The file itself is on disk under <see cref="StorageKey"/>.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>The uploader's file name, sanitised; only ever shown and sent back, never used as a path.</summary>
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Lower-case hex SHA-256 of the content, computed while it was received; checked on every download.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Path relative to the attachments folder, made from the id alone.</summary>
    public required string StorageKey { get; set; }
    public required string UploadedByUserId { get; set; }
    public required string UploadedByUserName { get; set; }
    public string? UploadedByAgency { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
