namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// The request body of an upload as it arrived, set aside by <see cref="AttachmentUploadGate"/> before the server's
/// general 1 MiB body limit could refuse it; only the upload endpoint reads it, under the attachments' own limit.
/// </summary>
public sealed record AttachmentUploadBody(Stream Body, long? DeclaredLength);
