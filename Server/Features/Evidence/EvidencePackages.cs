using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Attachments;
using ConsultFlow.Server.Features.Documents;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// Builds a case's evidence package (.zip): its chained journal as stored (<c>chain.json</c>) and readable
/// (<c>timeline.json</c>, <c>timeline.docx</c>), every attachment and every document the case can produce now, the
/// seal that covers the journal with the Merkle path to it (<c>seal.json</c>), the verification report, and a manifest
/// with each file's SHA-256. The case is sealed first, so the seal covers every packaged entry; the download itself is
/// then recorded in the case's journal with the manifest's hash. <c>verify-evidence</c> checks a package offline.
/// </summary>
public sealed class EvidencePackages(
    IDbContextFactory<WorkflowDbContext> contexts,
    WorkflowRuntime runtime,
    EvidenceSealer sealer,
    EvidenceVerifier verifier,
    AnchorFile anchors,
    AttachmentCatalog attachments,
    AttachmentStorage storage,
    DeploymentProfile profile,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<EvidencePackage> BuildAsync(Guid instanceId, CurrentUser user, ServerDbContext directory, CancellationToken ct)
    {
        await sealer.SealCaseAsync(instanceId, ct);
        var state = await runtime.Store.LoadAsync(instanceId, ct) is { } snapshot ? snapshot.State
            : throw new EngineException(EngineErrorCode.NotFound, Engine.Text.Bilingual.Say($"没有案件 {instanceId}。", $"There is no instance {instanceId}."));
        var (chain, proof) = await ChainAndSealAsync(instanceId, ct);
        var verification = await verifier.VerifyCaseAsync(instanceId, ct);
        var now = clock.GetUtcNow();

        var path = Path.Combine(Path.GetTempPath(), $"consultflow-evidence-{Guid.NewGuid():N}.zip");
        var files = new List<EvidenceFile>();
        string manifestSha256;
        await using (var zipFile = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
        await using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create, leaveOpen: false))
        {
            await AddAsync(zip, files, "chain.json", JsonSerializer.SerializeToUtf8Bytes(chain, Json), ct);
            await AddAsync(zip, files, "timeline.json", JsonSerializer.SerializeToUtf8Bytes(chain.Select(Readable), Json), ct);
            await AddAsync(zip, files, "timeline.docx", TimelineDocument(state, chain, now), ct);
            if (proof is not null) await AddAsync(zip, files, EvidenceSealProof.FileName, JsonSerializer.SerializeToUtf8Bytes(proof, Json), ct);
            await AddAsync(zip, files, "verification.json", JsonSerializer.SerializeToUtf8Bytes(verification, Json), ct);
            foreach (var attachment in await attachments.ListAsync(instanceId, ct))
            {
                await using var content = await storage.OpenVerifiedAsync(attachment, ct);
                // A missing or altered file is what verification.json reports; the package carries what is intact.
                if (content is null) continue;
                await AddAsync(zip, files, $"attachments/{attachment.Id}/{DocumentEndpoints.SafeFileName(attachment.FileName)}", content, ct);
            }
            var facts = await DocumentEndpoints.FactsAsync(state, runtime.Store, directory, profile, clock, ct);
            foreach (var template in DocumentCatalog.ForProcess(state.DefinitionId).Where(t => t.Unavailable(facts) is null))
                await AddAsync(zip, files, $"documents/{DocumentEndpoints.FileName(template, facts)}", template.Write(facts).ToBytes(), ct);

            var manifest = new EvidenceManifest(EvidenceManifest.FormatName, instanceId, state.DefinitionId, state.CorrelationKey, now,
                user.Actor.UserId, user.UserName, user.Agency, files);
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
            var entry = zip.CreateEntry(EvidenceManifest.FileName, CompressionLevel.Optimal);
            await using (var stream = await entry.OpenAsync(ct)) await stream.WriteAsync(manifestBytes, ct);
            manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));

            // Recorded before the file is handed out: a download the record does not show cannot happen.
            await runtime.RecordAsync(instanceId, user.Actor, JournalKind.EvidenceExported, manifestSha256, new JsonObject
            {
                ["manifestSha256"] = manifestSha256,
                ["files"] = files.Count,
                ["entries"] = chain.Count,
                ["sealSequence"] = proof?.Seal.Sequence,
                ["userName"] = user.UserName,
            }, ct: ct);
        }
        var name = $"证据包-{(string.IsNullOrWhiteSpace(state.CorrelationKey) ? instanceId.ToString("N")[..8] : DocumentEndpoints.SafeFileName(state.CorrelationKey))}-{TimeZoneInfo.ConvertTime(now, ChinaTime.Zone):yyyyMMddHHmm}.zip";
        return new EvidencePackage(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose), name, manifestSha256);
    }

    private async Task<(List<CaseChainRow> Chain, EvidenceSealProof? Proof)> ChainAndSealAsync(Guid instanceId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(ct);
        var chain = rows.Select(r => r.ToChainRow()).ToList();
        var entry = await db.SealEntries.AsNoTracking().Where(e => e.InstanceId == instanceId)
            .OrderByDescending(e => e.SealSequence).FirstOrDefaultAsync(ct);
        if (entry is null) return (chain, null);
        var seal = await db.Seals.AsNoTracking().SingleAsync(s => s.Sequence == entry.SealSequence, ct);
        var leaves = (await db.SealEntries.AsNoTracking().Where(e => e.SealSequence == entry.SealSequence).OrderBy(e => e.Position).ToListAsync(ct))
            .Select(e => e.LeafHash(seal.Algorithm)).ToList();
        var proof = MerkleTree.Proof(leaves, entry.Position, seal.Algorithm);
        // Only the entries the seal covers go in: the package is exactly what the seal proves.
        return (chain.Where(r => r.Sequence <= entry.Length).ToList(), new EvidenceSealProof(seal, entry, proof, await anchors.LatestAsync(ct)));
    }

    private static object Readable(CaseChainRow row) => new
    {
        row.Sequence,
        row.At,
        row.Kind,
        Label = TimelineLabels.Of(row.Kind),
        Actor = row.ActorUser is null ? null : new { User = row.ActorUser, Agency = row.ActorAgency, Role = row.ActorRole },
        row.ActivityId,
        row.Message,
        Data = row.DataJson is null ? null : JsonNode.Parse(row.DataJson),
        row.Hash,
    };

    private static byte[] TimelineDocument(WorkflowState state, IReadOnlyList<CaseChainRow> chain, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, ChinaTime.Zone);
        return new DocxWriter()
            .Title("案件记录")
            .Field("案件编号", state.CorrelationKey ?? state.InstanceId.ToString())
            .Field("流程", state.DefinitionId)
            .Field("生成时间", local.ToString("yyyy年M月d日 HH:mm"))
            .Note("每条记录的哈希与前一条相链接（见 chain.json）；以 verify-evidence 命令可离线核验本证据包。")
            .Table(["序号", "时间", "事项", "办理人", "单位", "说明"], chain.Select(r => (IReadOnlyList<string>)
            [
                r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTime(r.At, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm:ss"),
                TimelineLabels.Of(r.Kind),
                r.ActorUser ?? "",
                r.ActorAgency ?? "",
                r.Message ?? "",
            ]))
            .ToBytes();
    }

    private static async Task AddAsync(ZipArchive zip, List<EvidenceFile> files, string path, byte[] bytes, CancellationToken ct)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        await AddAsync(zip, files, path, stream, ct);
    }

    private static async Task AddAsync(ZipArchive zip, List<EvidenceFile> files, string path, Stream content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var target = await entry.OpenAsync(ct))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
        }
        files.Add(new EvidenceFile(path, size, Convert.ToHexStringLower(sha.GetHashAndReset())));
    }
}
