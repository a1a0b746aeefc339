using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// <c>dotnet run --project Server -- verify-evidence FILE.zip</c>: checks an evidence package with nothing but the
/// file, no database and no server. Every file against the manifest; the journal's chain entry by entry; the case's
/// head against the seal's leaf, the Merkle path to the seal's root and the seal's own hash; every attachment against
/// the SHA-256 its journal entry recorded. Prints the seal's hash so that it can be looked up in the anchor file.
/// Exits 0 when everything holds.
/// </summary>
public static class EvidencePackageCheck
{
    public const string Name = "verify-evidence";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is not [_, var path, ..])
        {
            await output.WriteLineAsync($"用法 Usage: dotnet run --project Server -- {Name} 证据包.zip");
            return 2;
        }
        try
        {
            var problems = Check(path, output);
            foreach (var problem in problems) await output.WriteLineAsync($"不符 FAILED: {problem}");
            await output.WriteLineAsync(problems.Count == 0 ? "证据包完整 The evidence package is intact." : $"证据包有 {problems.Count} 处不符 The package does not verify.");
            return problems.Count == 0 ? 0 : 1;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"无法读取证据包 The package cannot be read: {ex.Message}");
            return 1;
        }
    }

    /// <summary>What is wrong with the package at <paramref name="path"/> (empty when it verifies); progress goes to <paramref name="output"/>.</summary>
    public static List<string> Check(string path, TextWriter output)
    {
        var problems = new List<string>();
        using var zip = ZipFile.OpenRead(path);
        var manifestEntry = zip.GetEntry(EvidenceManifest.FileName);
        if (manifestEntry is null) return ["manifest.json 缺失 (no manifest)."];
        var manifest = Read<EvidenceManifest>(manifestEntry) ?? throw new InvalidDataException("manifest.json is empty.");
        if (manifest.Format != EvidenceManifest.FormatName) problems.Add($"未知格式 unknown format '{manifest.Format}'.");
        output.WriteLine($"案件 Case {manifest.InstanceId} ({manifest.DefinitionId} {manifest.CorrelationKey}), 生成于 generated {manifest.GeneratedAt:O} by {manifest.GeneratedByUserName}.");

        // 1. Files against the manifest, both ways.
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName != EvidenceManifest.FileName))
        {
            if (!listed.Remove(entry.FullName, out var file)) { problems.Add($"{entry.FullName}: 清单未列出 (not in the manifest)."); continue; }
            using var stream = entry.Open();
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (sha != file.Sha256 || entry.Length != file.Size) problems.Add($"{entry.FullName}: SHA-256 {sha}, 清单记载 manifest says {file.Sha256}.");
        }
        problems.AddRange(listed.Keys.Select(p => $"{p}: 清单列出但缺失 (listed but missing)."));

        // 2. The journal's chain.
        var chain = Read<List<CaseChainRow>>(zip.GetEntry("chain.json")) ?? [];
        var walk = new CaseChainWalk(manifest.InstanceId);
        foreach (var row in chain)
        {
            if (row.InstanceId != manifest.InstanceId) { problems.Add($"chain.json: 第 {row.Sequence} 条属于另一案件 (entry of another case)."); break; }
            if (walk.Next(row) is { } broken) { problems.Add($"chain.json: {broken.Message}"); break; }
        }
        output.WriteLine($"记录 Journal: {walk.Length} 条 entries, 末条哈希 head {walk.Head}.");

        // 3. The seal: leaf = this case's head, Merkle path to the root, the seal's own hash.
        var proof = Read<EvidenceSealProof>(zip.GetEntry(EvidenceSealProof.FileName));
        if (proof is null)
        {
            problems.Add("seal.json 缺失：本证据包未经封存 (no seal).");
        }
        else
        {
            var seal = proof.Seal;
            if (proof.Entry.InstanceId != manifest.InstanceId || proof.Entry.SealSequence != seal.Sequence) problems.Add("seal.json: 封存条目不属于本案件 (the seal entry is not this case's).");
            if (proof.Entry.Length != walk.Length || proof.Entry.Head != walk.HashAt(proof.Entry.Length))
                problems.Add($"seal.json: 封存记载 {proof.Entry.Length} 条、末条 {proof.Entry.Head}，与记录不符 (the sealed head is not the journal's).");
            if (MerkleTree.RootFromProof(proof.Entry.LeafHash(seal.Algorithm), proof.Proof, seal.Algorithm) != seal.Root)
                problems.Add("seal.json: 默克尔路径推不出封存根 (the Merkle path does not lead to the seal's root).");
            if (!HashAlgorithms.IsKnown(seal.Algorithm) || seal.ComputeHash() != seal.Hash)
                problems.Add($"seal.json: 第 {seal.Sequence} 号封存的哈希不符 (the seal does not hash to its hash).");
            output.WriteLine($"封存 Seal {seal.Sequence} at {seal.At:O}: {seal.Hash}");
            output.WriteLine(proof.Anchor is { } anchor && anchor.Sequence == seal.Sequence
                ? (anchor.Hash == seal.Hash ? "  与打包时最新的库外锚定一致 matches the newest anchor at packaging." : "  与库外锚定不符 DOES NOT match the anchor.")
                : "  请在锚定文件中查找此哈希 Look this hash up in the anchor file (or the copy the procuratorate holds).");
            if (proof.Anchor is { } a && a.Sequence == seal.Sequence && a.Hash != seal.Hash) problems.Add("seal.json: 封存与其库外锚定不符 (the seal does not match its anchor).");
        }

        // 4. Attachments against the hashes their journal entries recorded.
        var recorded = chain.Where(r => r.Kind == nameof(JournalKind.AttachmentAdded) && r.DataJson is not null)
            .Select(r => JsonNode.Parse(r.DataJson!)!.AsObject()).ToList();
        foreach (var attachment in recorded)
        {
            var id = (string?)attachment["attachmentId"];
            var file = manifest.Files.FirstOrDefault(f => f.Path.StartsWith($"attachments/{id}/", StringComparison.Ordinal));
            if (file is null) problems.Add($"附件 {id}（{(string?)attachment["fileName"]}）未随包提供 (attachment not in the package).");
            else if (file.Sha256 != (string?)attachment["sha256"]) problems.Add($"附件 {id}: SHA-256 {file.Sha256}，记录为 recorded {(string?)attachment["sha256"]}.");
        }
        output.WriteLine($"附件 Attachments: {recorded.Count}; 文件 files: {manifest.Files.Count}.");
        return problems;
    }

    private static T? Read<T>(ZipArchiveEntry? entry)
    {
        if (entry is null) return default;
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<T>(stream, EvidencePackages.Json);
    }
}
