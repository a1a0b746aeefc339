using System.Text.Json.Nodes;
using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Persistence.EntityFramework.Rows;
using ConsultFlow.Server.Features.Attachments;
using ConsultFlow.Server.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// Checks the record: the seals (each hash, each link, each Merkle root from its entries) up to the last anchor
/// outside the database; the command record; then case by case the journal chain, the tasks' final states and the
/// attachments. Stops at the first finding. Reads in pages, never a whole table at once.
/// </summary>
public sealed class EvidenceVerifier(
    IDbContextFactory<WorkflowDbContext> contexts,
    AuditChain commands,
    AnchorFile anchors,
    AttachmentCatalog attachments,
    AttachmentStorage storage,
    EvidenceOptions options)
{
    public const int RowsPerQuery = 1000;

    /// <summary>
    /// The seals and the command record (on the first page only, <paramref name="skip"/> 0), then up to
    /// <see cref="EvidenceOptions.MaxCasesPerVerification"/> cases in id order after the first <paramref name="skip"/>.
    /// </summary>
    public async Task<EvidenceReport> VerifyAsync(int skip, CancellationToken ct)
    {
        var (seals, sealFinding) = await VerifySealsAsync(ct);
        if (sealFinding is not null) return Report(seals, null, sealFinding);

        AuditVerification? commandCheck = null;
        if (skip == 0)
        {
            commandCheck = await commands.VerifyAsync(ct);
            if (!commandCheck.Ok) return Report(seals, commandCheck, CommandFinding(commandCheck));
            if (await CommandsAgainstSealAsync(seals, commandCheck, ct) is { } truncated) return Report(seals, commandCheck, truncated);
            if (await MissingSealedCaseAsync(ct) is { } gone) return Report(seals, commandCheck, gone);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var page = Math.Max(1, options.MaxCasesPerVerification);
        var cases = await db.Instances.AsNoTracking()
            .OrderBy(i => i.Id).Skip(skip).Take(page).Select(i => i.Id).ToListAsync(ct);
        long entries = 0, tasks = 0, files = 0;
        foreach (var id in cases)
        {
            var check = await VerifyCaseCoreAsync(id, ct);
            entries += check.Entries;
            tasks += check.Tasks;
            files += check.Attachments;
            if (check.Finding is not null)
                return Report(seals, commandCheck, check.Finding) with { CasesChecked = cases.IndexOf(id), EntriesChecked = entries, TasksChecked = tasks, AttachmentsChecked = files };
        }
        return Report(seals, commandCheck, null) with
        {
            CasesChecked = cases.Count, EntriesChecked = entries, TasksChecked = tasks, AttachmentsChecked = files,
            NextSkip = cases.Count == page ? skip + page : null,
        };
    }

    /// <summary>One case: the seals first (a case's seal is only as good as the chain of seals it is on), then the case.</summary>
    public async Task<CaseVerification> VerifyCaseAsync(Guid instanceId, CancellationToken ct)
    {
        var (_, sealFinding) = await VerifySealsAsync(ct);
        var check = await VerifyCaseCoreAsync(instanceId, ct);
        return sealFinding is null || check.Finding is not null ? check : check with { Ok = false, Finding = sealFinding, Message = sealFinding.Message };
    }

    private async Task<CaseVerification> VerifyCaseCoreAsync(Guid instanceId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { i.ChainLength, i.ChainHead }).SingleOrDefaultAsync(ct);
        var sealedEntry = await db.SealEntries.AsNoTracking().Where(e => e.InstanceId == instanceId)
            .OrderByDescending(e => e.SealSequence).FirstOrDefaultAsync(ct);
        if (instance is null)
        {
            var gone = sealedEntry is null ? null : new ChainFinding(ChainFault.Removed, "workflow_instances", instanceId, null,
                $"案件 {instanceId} 已被删除：第 {sealedEntry.SealSequence} 号封存记载其有 {sealedEntry.Length} 条记录。",
                $"Case {instanceId} was deleted: seal {sealedEntry.SealSequence} records {sealedEntry.Length} entries of it.");
            return Result(instanceId, 0, null, sealedEntry, 0, 0, gone);
        }

        var walk = new CaseChainWalk(instanceId);
        var facts = new RecordedCaseState();
        for (var seen = 0L; ;)
        {
            var from = seen;
            var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId && j.Sequence > from)
                .OrderBy(j => j.Sequence).Take(RowsPerQuery).ToListAsync(ct);
            foreach (var row in rows)
            {
                if (walk.Next(row.ToChainRow()) is { } broken) return Result(instanceId, walk.Length, walk.Head, sealedEntry, 0, 0, broken);
                facts.Add(row);
            }
            if (rows.Count < RowsPerQuery) break;
            seen = rows[^1].Sequence;
        }
        if (walk.Finish(instance.ChainLength, instance.ChainHead, sealedEntry?.Length, sealedEntry?.Head) is { } cut)
            return Result(instanceId, walk.Length, walk.Head, sealedEntry, 0, 0, cut);

        var taskRows = await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(ct);
        if (CheckTasks(instanceId, facts, taskRows) is { } taskFinding)
            return Result(instanceId, walk.Length, walk.Head, sealedEntry, taskRows.Count, 0, taskFinding);
        var files = await attachments.ListAsync(instanceId, ct);
        var fileFinding = await CheckAttachmentsAsync(instanceId, facts, files, ct);
        return Result(instanceId, walk.Length, walk.Head, sealedEntry, taskRows.Count, files.Count, fileFinding);
    }

    private static CaseVerification Result(Guid instanceId, long entries, string? head, SealEntry? sealedEntry, int tasks, int files, ChainFinding? finding) =>
        new(instanceId, finding is null, entries, entries == 0 ? null : head, sealedEntry?.SealSequence, sealedEntry?.Length, tasks, files, finding,
            finding?.Message ?? $"案件 {instanceId} 的记录完整：{entries} 条记录、{tasks} 个任务、{files} 个附件均与哈希链一致"
                + (sealedEntry is null ? "（尚未封存）。" : $"，前 {sealedEntry.Length} 条已由第 {sealedEntry.SealSequence} 号封存覆盖。"));

    private static ChainFinding? CheckTasks(Guid instanceId, RecordedCaseState facts, List<HumanTaskRow> rows)
    {
        foreach (var row in rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            if (!facts.Tasks.Remove(row.Id, out var expected))
            {
                return Task(ChainFault.Inserted, row.Id, null,
                    $"任务 {row.Id} 不在案件 {instanceId} 的记录中：记录从未分派此任务。",
                    $"Task {row.Id} is not in the journal of case {instanceId}: it was never assigned.");
            }
            string? what = null;
            if (row.Status != expected.Status) what = $"status {row.Status}, recorded {expected.Status}";
            else if (expected.Agency is not null && row.AssigneeAgency != expected.Agency) what = $"agency {row.AssigneeAgency}, recorded {expected.Agency}";
            else if (expected.Role is not null && row.AssigneeRole != expected.Role) what = $"role {row.AssigneeRole}, recorded {expected.Role}";
            else if (expected.OutcomeKnown && row.Outcome != expected.Outcome) what = $"outcome {row.Outcome}, recorded {expected.Outcome}";
            else if (expected.DataKnown && row.Comment != expected.Comment) what = "comment differs from the recorded one";
            else if (expected.DataKnown && !JsonNode.DeepEquals(row.DataJson is null ? null : JsonNode.Parse(row.DataJson), expected.Data))
                what = "form data differs from the recorded data";
            if (what is not null)
            {
                return Task(ChainFault.Changed, row.Id, expected.Sequence,
                    $"任务 {row.Id} 的现状与案件 {instanceId} 记录第 {expected.Sequence} 条不符（{what}）：任务被改动。",
                    $"Task {row.Id} no longer matches entry {expected.Sequence} of case {instanceId}'s journal ({what}): the task was changed.");
            }
        }
        if (facts.Tasks.Count > 0)
        {
            var (id, missing) = facts.Tasks.OrderBy(t => t.Value.Sequence).First();
            return Task(ChainFault.Removed, id, missing.Sequence,
                $"任务 {id} 被删除：案件 {instanceId} 记录第 {missing.Sequence} 条记载了它。",
                $"Task {id} was removed: entry {missing.Sequence} of case {instanceId}'s journal records it.");
        }
        return null;

        ChainFinding Task(ChainFault fault, Guid taskId, long? sequence, string zh, string en) =>
            new(fault, "human_tasks", instanceId, sequence, zh, en) { TaskId = taskId };
    }

    private async Task<ChainFinding?> CheckAttachmentsAsync(Guid instanceId, RecordedCaseState facts, IReadOnlyList<Attachment> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            if (!facts.Attachments.Remove(row.Id, out var expected))
            {
                return File(ChainFault.Inserted, null,
                    $"附件 {row.Id}（{row.FileName}）不在案件 {instanceId} 的记录中。",
                    $"Attachment {row.Id} ({row.FileName}) is not in the journal of case {instanceId}.");
            }
            if (row.Sha256 != expected.Sha256 || row.Size != expected.Size || row.FileName != expected.FileName)
            {
                return File(ChainFault.Changed, expected.Sequence,
                    $"附件 {row.Id} 的登记（名称、大小或 SHA-256）与案件 {instanceId} 记录第 {expected.Sequence} 条不符。",
                    $"Attachment {row.Id}'s row (name, size or SHA-256) no longer matches entry {expected.Sequence} of case {instanceId}'s journal.");
            }
            await using var content = await storage.OpenVerifiedAsync(row, ct);
            if (content is null)
            {
                return File(ChainFault.Changed, expected.Sequence,
                    $"附件 {row.Id}（{row.FileName}）的文件缺失或被改动：其 SHA-256 不再是记录的 {expected.Sha256}。",
                    $"Attachment {row.Id} ({row.FileName}) is missing or changed on disk: its SHA-256 is no longer the recorded {expected.Sha256}.");
            }
        }
        if (facts.Attachments.Count > 0)
        {
            var (id, missing) = facts.Attachments.OrderBy(a => a.Value.Sequence).First();
            return File(ChainFault.Removed, missing.Sequence,
                $"附件 {id}（{missing.FileName}）被删除：案件 {instanceId} 记录第 {missing.Sequence} 条记载了它。",
                $"Attachment {id} ({missing.FileName}) was removed: entry {missing.Sequence} of case {instanceId}'s journal records it.");
        }
        return null;

        ChainFinding File(ChainFault fault, long? sequence, string zh, string en) => new(fault, "attachments", instanceId, sequence, zh, en);
    }

    /// <summary>Every seal in order: its hash, its link to the one before, its root from its entries; then the anchor.</summary>
    private async Task<(SealsSummary Summary, ChainFinding? Finding)> VerifySealsAsync(CancellationToken ct)
    {
        var anchor = await anchors.LatestAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var previous = HashAlgorithms.GenesisHash;
        var expected = 1L;
        EvidenceSeal? head = null;
        while (true)
        {
            var from = expected;
            var batch = await db.Seals.AsNoTracking().Where(s => s.Sequence >= from).OrderBy(s => s.Sequence).Take(100).ToListAsync(ct);
            if (batch.Count == 0) break;
            var last = batch[^1].Sequence;
            var entries = (await db.SealEntries.AsNoTracking().Where(e => e.SealSequence >= from && e.SealSequence <= last).ToListAsync(ct))
                .ToLookup(e => e.SealSequence);
            foreach (var seal in batch)
            {
                if (SealFinding(seal, expected, previous, entries[seal.Sequence].OrderBy(e => e.Position).ToList()) is { } broken)
                    return (Summary(head, anchor), broken);
                previous = seal.Hash;
                head = seal;
                expected++;
            }
        }
        if (anchor is not null)
        {
            if ((head?.Sequence ?? 0) < anchor.Sequence)
            {
                return (Summary(head, anchor), new ChainFinding(ChainFault.Truncated, "evidence_seals", null, (head?.Sequence ?? 0) + 1,
                    $"封存记录自第 {(head?.Sequence ?? 0) + 1} 号起缺失：库外锚定已到第 {anchor.Sequence} 号。",
                    $"Seals from {(head?.Sequence ?? 0) + 1} on are missing: the anchor outside the database reaches seal {anchor.Sequence}."));
            }
            var anchored = await db.Seals.AsNoTracking().SingleAsync(s => s.Sequence == anchor.Sequence, ct);
            if (anchored.Hash != anchor.Hash)
            {
                return (Summary(head, anchor), new ChainFinding(ChainFault.Changed, "evidence_seals", null, anchor.Sequence,
                    $"第 {anchor.Sequence} 号封存与库外锚定不符：封存链被重写。",
                    $"Seal {anchor.Sequence} does not match its anchor outside the database: the seals were rewritten."));
            }
        }
        return (Summary(head, anchor), null);
    }

    private static ChainFinding? SealFinding(EvidenceSeal seal, long expected, string previous, List<SealEntry> entries)
    {
        if (seal.Sequence != expected)
            return Seal(ChainFault.Removed, expected, $"第 {expected} 号封存被删除。", $"Seal {expected} was removed.");
        if (!HashAlgorithms.IsKnown(seal.Algorithm) || seal.ComputeHash() != seal.Hash)
            return Seal(ChainFault.Changed, seal.Sequence, $"第 {seal.Sequence} 号封存被改动。", $"Seal {seal.Sequence} was changed: it no longer hashes to its stored hash.");
        if (seal.PreviousHash != previous)
            return Seal(ChainFault.Reordered, seal.Sequence, $"第 {seal.Sequence} 号封存不接续前一号。", $"Seal {seal.Sequence} does not follow seal {seal.Sequence - 1}.");
        var positions = entries.Select(e => e.Position).ToList();
        var root = MerkleTree.Root(entries.Select(e => e.LeafHash(seal.Algorithm)).ToList(), seal.Algorithm);
        if (entries.Count != seal.CaseCount || !positions.SequenceEqual(Enumerable.Range(0, entries.Count)) || root != seal.Root)
        {
            return Seal(ChainFault.Changed, seal.Sequence, $"第 {seal.Sequence} 号封存所覆盖的案件清单被改动。",
                $"The cases seal {seal.Sequence} covers were changed: their Merkle root is no longer the sealed one.");
        }
        return null;

        static ChainFinding Seal(ChainFault fault, long sequence, string zh, string en) => new(fault, "evidence_seals", null, sequence, zh, en);
    }

    /// <summary>The newest seal names the command record's head at that moment: the record must still reach it.</summary>
    private async Task<ChainFinding?> CommandsAgainstSealAsync(SealsSummary seals, AuditVerification check, CancellationToken ct)
    {
        if (seals.HeadSequence is null) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var seal = await db.Seals.AsNoTracking().SingleAsync(s => s.Sequence == seals.HeadSequence, ct);
        if (seal.CommandsLength == 0) return null;
        if (check.Count < seal.CommandsLength)
        {
            return new ChainFinding(ChainFault.Truncated, "audit_records", null, check.Count + 1,
                $"操作记录自第 {check.Count + 1} 条起缺失：第 {seal.Sequence} 号封存时已有 {seal.CommandsLength} 条。",
                $"Command records from row {check.Count + 1} on are missing: seal {seal.Sequence} covered {seal.CommandsLength}.");
        }
        if (await commands.HashAtAsync(seal.CommandsLength, ct) != seal.CommandsHead)
        {
            return new ChainFinding(ChainFault.Changed, "audit_records", null, seal.CommandsLength,
                $"操作记录第 {seal.CommandsLength} 条与第 {seal.Sequence} 号封存不符：记录被重写。",
                $"Command record row {seal.CommandsLength} does not match seal {seal.Sequence}: the record was rewritten.");
        }
        return null;
    }

    /// <summary>A case a seal covers that is no longer there at all (its row deleted with its journal).</summary>
    private async Task<ChainFinding?> MissingSealedCaseAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var gone = await db.SealEntries.AsNoTracking().Where(e => !db.Instances.Any(i => i.Id == e.InstanceId))
            .OrderBy(e => e.SealSequence).ThenBy(e => e.Position).FirstOrDefaultAsync(ct);
        return gone is null ? null : new ChainFinding(ChainFault.Removed, "workflow_instances", gone.InstanceId, null,
            $"案件 {gone.InstanceId} 已被删除：第 {gone.SealSequence} 号封存记载其有 {gone.Length} 条记录。",
            $"Case {gone.InstanceId} was deleted: seal {gone.SealSequence} records {gone.Length} entries of it.");
    }

    private static ChainFinding CommandFinding(AuditVerification check) =>
        new(check.Fault switch
            {
                AuditFault.Removed => ChainFault.Removed,
                AuditFault.Reordered => ChainFault.Reordered,
                _ => ChainFault.Changed,
            }, "audit_records", null, check.Sequence, $"操作记录第 {check.Sequence} 条有误：{check.Message}", check.Message);

    private SealsSummary Summary(EvidenceSeal? head, EvidenceAnchor? anchor) =>
        new(head?.Sequence ?? 0, head?.Sequence, head?.Hash, anchor, anchors.Path);

    private static EvidenceReport Report(SealsSummary seals, AuditVerification? commandCheck, ChainFinding? finding) => new()
    {
        Message = finding?.Message ?? "记录完整：封存链、操作记录与所查案件的记录均与哈希链一致。",
        Finding = finding,
        Seals = seals,
        Commands = commandCheck,
    };
}
