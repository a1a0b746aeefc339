using System.Text.RegularExpressions;
using ConsultFlow.Server.Features.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Lets evidence files through the server's general body limit (<see cref="RequestSizeLimit"/>, 1 MiB for JSON
/// commands) to the upload endpoint, which enforces the attachments' own, larger limit while it streams the file.
/// Runs first in the pipeline (a startup filter, since only <c>AddAttachments</c> is called from Program.cs) and only
/// for <c>POST /api/cases/{guid}/attachments</c>: it sets the body aside in <see cref="AttachmentUploadBody"/>, hides
/// it and its declared length from the later middleware and raises Kestrel's per-request limit to the attachments'.
/// Everything else in the pipeline (authentication, the password gate, authorization, audit, problem details) runs
/// as for any request. Were RequestSizeLimit to honour endpoint metadata (<c>IRequestSizeLimitMetadata</c>), this
/// class could go.
/// </summary>
public sealed partial class AttachmentUploadGate(AttachmentOptions options) : IStartupFilter
{
    /// <summary>What multipart framing may add around the file: boundaries and part headers.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && UploadPath().IsMatch(http.Request.Path.Value ?? ""))
            {
                http.Features.Set(new AttachmentUploadBody(http.Request.Body, http.Request.ContentLength));
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                    size.MaxRequestBodySize = options.MaxBytes + EnvelopeBytes;
                http.Request.ContentLength = null;
                http.Request.Body = Stream.Null;
            }
            await nextMiddleware(http);
        });
        next(app);
    };

    [GeneratedRegex(@"^/api/cases/[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}/attachments/?$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadPath();
}
