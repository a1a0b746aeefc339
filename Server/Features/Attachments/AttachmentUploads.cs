using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Receives one evidence file sent as <c>multipart/form-data</c> with a single part named <c>file</c> (what a browser's
/// FormData and <c>curl -F file=@…</c> send; the part's file name may be UTF-8 or RFC 5987 <c>filename*</c>). The part
/// is streamed to a temporary file while hashed; only a complete, accepted file becomes an attachment. Refusals:
/// 413 over the size limit, 415 for a type outside the allow-list (or content not matching it), 422 for a missing,
/// empty or extra part, 400 for broken multipart framing — each a problem naming the field, each leaving nothing behind.
/// </summary>
public sealed class AttachmentUploads(
    AttachmentOptions options,
    AttachmentStorage storage,
    AttachmentCatalog catalog,
    WorkflowRuntime runtime,
    TimeProvider clock,
    ILogger<AttachmentUploads> logger)
{
    public const string FilePart = "file";

    public async Task<IResult> ReceiveAsync(HttpContext http, Guid instanceId, CurrentUser user, CancellationToken ct)
    {
        var upload = http.Features.Get<AttachmentUploadBody>() ?? new AttachmentUploadBody(http.Request.Body, http.Request.ContentLength);
        var envelopeLimit = options.MaxBytes + AttachmentUploadGate.EnvelopeBytes;
        if (upload.DeclaredLength > envelopeLimit) return TooLarge();
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !string.Equals(media.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "UnsupportedUpload", "请以 multipart/form-data 上传附件。",
                "Content-Type", "Send multipart/form-data with one part named 'file'.");
        }

        var reader = new MultipartReader(boundary, new BoundedStream(upload.Body, envelopeLimit));
        StagedFile? staged = null;
        try
        {
            string? fileName = null;
            string? contentType = null;
            MultipartSection? section;
            while ((section = await NextSectionAsync(reader, ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value != FilePart)
                {
                    return Problem(StatusCodes.Status422UnprocessableEntity, "Invalid", "附件请求只能包含一个名为 file 的文件部分。",
                        FilePart, "Send exactly one part, a file named 'file', and no other fields.");
                }
                if (staged is not null)
                {
                    return Problem(StatusCodes.Status422UnprocessableEntity, "Invalid", "一次只能上传一个附件。", FilePart, "Send one file per request.");
                }
                contentType = AttachmentContentTypes.Normalize(section.ContentType);
                if (contentType is null || !options.EffectiveContentTypes.Contains(contentType))
                {
                    return Problem(StatusCodes.Status415UnsupportedMediaType, "UnsupportedAttachmentType",
                        $"不接受该类型的附件：{contentType ?? "未声明类型"}。", FilePart,
                        $"Allowed types: {string.Join(", ", options.EffectiveContentTypes)}.");
                }
                fileName = AttachmentFileNames.Sanitise(disposition.FileNameStar.HasValue
                    ? disposition.FileNameStar.Value
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                staged = await storage.ReceiveAsync(new BoundedStream(section.Body, long.MaxValue), options.MaxBytes, ct);
                if (staged is null) return TooLarge();
            }

            if (staged is null || fileName is null || contentType is null)
                return Problem(StatusCodes.Status422UnprocessableEntity, "Invalid", "没有收到附件。", FilePart, "'file' is required.");
            if (staged.Size == 0)
                return Problem(StatusCodes.Status422UnprocessableEntity, "Invalid", "附件是空文件。", FilePart, "The file is empty.");
            if (!AttachmentContentTypes.Matches(contentType, staged.Head))
            {
                return Problem(StatusCodes.Status415UnsupportedMediaType, "UnsupportedAttachmentType",
                    $"文件内容与声明的类型 {contentType} 不符。", FilePart, $"The content is not {contentType}.");
            }

            var attachment = NewAttachment(instanceId, fileName, contentType, staged, user);
            storage.Commit(staged, attachment.StorageKey);
            try
            {
                // The row and its entry in the case's chained journal commit together. Not the request's token: a
                // client hanging up now must not leave a file without its row.
                await runtime.RecordAsync(instanceId, user.Actor, JournalKind.AttachmentAdded, attachment.FileName, Recorded(attachment),
                    (connection, transaction, token) => catalog.AddAsync(attachment, connection, transaction, token), CancellationToken.None);
            }
            catch
            {
                storage.Delete(attachment.StorageKey);
                throw;
            }
            logger.LogInformation("Attachment {Id} ({Size} bytes, SHA-256 {Sha256}) added to case {InstanceId} by {User} of {Agency}.",
                attachment.Id, attachment.Size, attachment.Sha256, instanceId, user.UserName, user.Agency);
            return Results.Created($"/api/attachments/{attachment.Id}", AttachmentInfo.Of(attachment));
        }
        catch (BodyTooLargeException)
        {
            return TooLarge();
        }
        catch (InvalidDataException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid", "附件请求的 multipart 格式有误。", "Content-Type", ex.Message);
        }
        finally
        {
            staged?.Dispose();
        }
    }

    /// <summary>What the journal keeps of an attachment: enough to prove the stored file is the one that was added.</summary>
    public static JsonObject Recorded(Attachment attachment) => new()
    {
        ["attachmentId"] = attachment.Id.ToString(),
        ["fileName"] = attachment.FileName,
        ["contentType"] = attachment.ContentType,
        ["size"] = attachment.Size,
        ["sha256"] = attachment.Sha256,
    };

    private Attachment NewAttachment(Guid instanceId, string fileName, string contentType, StagedFile staged, CurrentUser user)
    {
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        return new Attachment
        {
            Id = id,
            InstanceId = instanceId,
            FileName = fileName,
            ContentType = contentType,
            Size = staged.Size,
            Sha256 = staged.Sha256,
            StorageKey = AttachmentStorage.KeyOf(id),
            UploadedByUserId = user.Actor.UserId,
            UploadedByUserName = user.UserName,
            UploadedByAgency = string.IsNullOrEmpty(user.Agency) ? null : user.Agency,
            // As the database keeps it (whole microseconds), so the answer equals what a later read returns.
            UploadedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)),
        };
    }

    /// <summary>The multipart reader reports a body that ends early as an IOException; that is the client's broken request.</summary>
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    private IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "AttachmentTooLarge",
        $"附件超过 {options.MaxBytes / 1024 / 1024.0:0.##} MiB 的上限。", FilePart, $"At most {options.MaxBytes} bytes.");

    private static IResult Problem(int status, string code, string title, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, statusCode: status, title: title,
            type: $"https://consultflow/problems/{status}", extensions: new Dictionary<string, object?> { ["code"] = code });

    private sealed class BodyTooLargeException() : Exception("The request body is over the attachment limit.");

    /// <summary>
    /// Counts what is read and stops past the limit, whatever the framing claims; and tells failures of reading the
    /// request (a body that ends early, a client that hangs up: IOException) from failures of writing the file.
    /// </summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, ct));
            }
            catch (IOException ex)
            {
                throw new InvalidDataException(ex.Message, ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int n)
        {
            read += n;
            return read > limit ? throw new BodyTooLargeException() : n;
        }
    }
}
