using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Evidence files of a case: upload (multipart/form-data, one part named "file"), list, download. Only the parties to
/// a case (<see cref="CaseAccess"/>) may do any of it; to everyone else the case and its attachments do not exist (404).
/// Uploads are recorded in the audit chain by the audit middleware like every command (the answer is small JSON).
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>
    /// The attachments' options (configuration section <see cref="AttachmentOptions.Section"/>), table, storage, the
    /// upload gate, the start-up migration and the readiness check. Needs the engine's PersistenceOptions.
    /// </summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, ConsultFlowOptions options)
    {
        // ConsultFlowOptions has no attachments section; the section is read from the configuration the host has.
        services.TryAddSingleton(provider =>
            provider.GetRequiredService<IConfiguration>().GetSection(AttachmentOptions.Section).Get<AttachmentOptions>() ?? new AttachmentOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<AttachmentsDbContext>((provider, builder) =>
            AttachmentsDbContext.Configure(builder, provider.GetRequiredService<Engine.Persistence.EntityFramework.PersistenceOptions>()));
        services.TryAddSingleton<AttachmentsMigrator>();
        services.TryAddSingleton<AttachmentStorage>();
        services.TryAddSingleton<AttachmentEvidenceUpgrade>();
        services.TryAddSingleton<AttachmentCatalog>();
        services.TryAddSingleton<AttachmentUploads>();
        services.AddSingleton<IStartupFilter, AttachmentUploadGate>();
        services.AddHostedService<AttachmentsStartup>();
        services.AddHealthChecks().AddCheck<AttachmentsReadyCheck>("attachments", tags: ["ready"]);
        return services;
    }

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Attachments");

        group.MapPost("/cases/{instanceId:guid}/attachments", async (Guid instanceId, HttpContext http, CaseAccess access, AttachmentUploads uploads, CancellationToken ct) =>
        {
            var user = CurrentUser.Of(http.User);
            await access.VisibleInstanceAsync(user, instanceId, ct);
            return await uploads.ReceiveAsync(http, instanceId, user, ct);
        })
            // No Accepts metadata: routing would answer other content types with a bare 415; the handler's names the field.
            .WithDescription("multipart/form-data with exactly one part, a file named 'file' (browser FormData, curl -F file=@…).")
            .Produces<AttachmentInfo>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/cases/{instanceId:guid}/attachments", async (Guid instanceId, HttpContext http, CaseAccess access, AttachmentCatalog catalog, CancellationToken ct) =>
        {
            await access.VisibleInstanceAsync(CurrentUser.Of(http.User), instanceId, ct);
            return (await catalog.ListAsync(instanceId, ct)).Select(AttachmentInfo.Of).ToList();
        });

        group.MapGet("/attachments/{id:guid}/info", async (Guid id, HttpContext http, CaseAccess access, AttachmentCatalog catalog, CancellationToken ct) =>
            AttachmentInfo.Of(await VisibleAsync(id, http, access, catalog, ct)));

        group.MapGet("/attachments/{id:guid}", async (Guid id, HttpContext http, CaseAccess access, AttachmentCatalog catalog, AttachmentStorage storage,
            ILogger<AttachmentStorage> logger, CancellationToken ct) =>
        {
            var attachment = await VisibleAsync(id, http, access, catalog, ct);
            var stream = await storage.OpenVerifiedAsync(attachment, ct);
            if (stream is null)
            {
                // Not the client's fault and nothing it can fix: a server error, logged loudly for the operators.
                logger.LogError("Attachment {Id} of case {InstanceId} is missing or changed on disk ({Path}): its SHA-256 is no longer {Sha256}.",
                    attachment.Id, attachment.InstanceId, storage.FullPath(attachment.StorageKey), attachment.Sha256);
                return Results.Problem(title: "附件文件已损坏或丢失，无法提供下载。", statusCode: StatusCodes.Status500InternalServerError,
                    detail: "The stored file no longer matches its SHA-256; the administrators have been alerted.",
                    type: "https://consultflow/problems/attachment-corrupted",
                    extensions: new Dictionary<string, object?> { ["code"] = "AttachmentCorrupted", ["attachmentId"] = attachment.Id });
            }
            // Served as a download, never rendered in the application's origin.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(stream, attachment.ContentType, attachment.FileName,
                entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256}\""), enableRangeProcessing: false);
        }).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    /// <summary>The attachment when its case is visible to the caller; otherwise the same 404 as for an unknown id.</summary>
    private static async Task<Attachment> VisibleAsync(Guid id, HttpContext http, CaseAccess access, AttachmentCatalog catalog, CancellationToken ct)
    {
        var notFound = new EngineException(EngineErrorCode.NotFound, $"There is no attachment {id}.");
        var attachment = await catalog.FindAsync(id, ct) ?? throw notFound;
        try
        {
            await access.VisibleInstanceAsync(CurrentUser.Of(http.User), attachment.InstanceId, ct);
        }
        catch (EngineException e) when (e.Code == EngineErrorCode.NotFound)
        {
            // The instance's id must not show through the message.
            throw notFound;
        }
        return attachment;
    }
}
