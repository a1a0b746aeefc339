namespace ConsultFlow.Server.Features.Attachments;

/// <summary>An attachment as the API shows it (without where it is stored).</summary>
public sealed record AttachmentInfo(
    Guid Id,
    Guid InstanceId,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string UploadedBy,
    string UploadedByName,
    string? UploadedByAgency,
    DateTimeOffset UploadedAt)
{
    public static AttachmentInfo Of(Attachment a) => new(a.Id, a.InstanceId, a.FileName, a.ContentType, a.Size, a.Sha256,
        a.UploadedByUserId, a.UploadedByUserName, a.UploadedByAgency, a.UploadedAt);
}
