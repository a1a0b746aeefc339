using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Audit;
using ConsultFlow.Server.Features.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Evidence;

/// <summary>
/// The record as evidence, tampered with directly in the database (and on disk) the way someone with access to it
/// would: each change, removal, insertion, reordering and cut tail of the journal, the tasks, the attachments, the
/// command record and the seals is named by table, case and row; an intact record verifies; the evidence package
/// verifies offline and a changed package does not.
/// </summary>
public abstract class EvidenceTests(PersistenceProvider provider, PostgresServer? postgres) : IDisposable
{
    private const string Definition = """
        { "id": "ev-demo", "name": "证据", "flowchart": { "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "HumanTask", "inputs": { "title": "审查", "assigneeAgency": "sfj", "assigneeRole": "coordinator",
                "outcomes": [{ "name": "accept", "label": "同意" }, { "name": "refuse", "label": "不予立案" }],
                "form": { "fields": [{ "key": "reason", "label": "理由", "type": "longText" }] } } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "source": "start", "outcome": "Done", "target": "review" },
                           { "source": "review", "outcome": "accept", "target": "end" }, { "source": "review", "outcome": "refuse", "target": "end" } ] } }
        """;

    private readonly List<ServerFactory> factories = [];

    /// <summary>A server on a new database, or a further node on <paramref name="connectionString"/>'s (files shared as nodes share them).</summary>
    private async Task<ServerFactory> ServerAsync(string? connectionString = null, string? algorithm = null)
    {
        var factory = new ServerFactory();
        if (algorithm is not null) factory.Settings["ConsultFlow:Audit:Algorithm"] = algorithm;
        if (connectionString is not null) factory.Settings["ConsultFlow:Attachments:Path"] = Path.Combine(Path.GetTempPath(), "consultflow-nodes-" + connectionString.GetHashCode(StringComparison.Ordinal));
        if (provider == PersistenceProvider.Postgres)
        {
            factory.Settings["ConsultFlow:Database:Provider"] = "Postgres";
            factory.Settings["ConsultFlow:Database:ConnectionString"] = connectionString ?? await postgres!.CreateDatabaseAsync();
        }
        factories.Add(factory);
        var admin = factory.CreateAuthorizedClient();
        var draft = await admin.PutAsync("/api/definitions/ev-demo/draft", new StringContent(Definition, Encoding.UTF8, "application/json"));
        if (connectionString is null) draft.StatusCode.Should().Be(HttpStatusCode.OK, await draft.Content.ReadAsStringAsync());
        await admin.PostAsync("/api/definitions/ev-demo/versions/1/publish", null);
        return factory;
    }

    /// <summary>A case refused with a reason, with one attachment; returns its id and the task's.</summary>
    private static async Task<(Guid Instance, Guid Task)> RefusedCaseAsync(ServerFactory factory, string key = "EV-1")
    {
        var admin = factory.CreateAuthorizedClient();
        var started = await admin.PostAsJsonAsync("/api/instances", new { definitionId = "ev-demo", correlationKey = key });
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var instance = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
        var upload = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.4 现场笔录"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Add(file, "file", "笔录.pdf");
        (await admin.PostAsync($"/api/cases/{instance}/attachments", upload)).StatusCode.Should().Be(HttpStatusCode.Created);
        var task = await TaskOfAsync(admin, instance);
        var done = await admin.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "refuse", data = new { reason = "证据不足" } });
        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        return (instance, task);
    }

    private static async Task<Guid> TaskOfAsync(HttpClient client, Guid instance)
    {
        var tasks = await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instanceId={instance}");
        return Guid.Parse(tasks!.First()!["id"]!.GetValue<string>());
    }

    private static async Task<JsonObject> VerifyAsync(ServerFactory factory) =>
        (await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

    private static async Task<JsonObject> FindingAsync(ServerFactory factory)
    {
        var report = await VerifyAsync(factory);
        report["ok"]!.GetValue<bool>().Should().BeFalse(report.ToJsonString());
        return report["finding"]!.AsObject();
    }

    private static async Task SealAsync(ServerFactory factory) =>
        (await factory.CreateAuthorizedClient().PostAsync("/api/audit/seal", null)).EnsureSuccessStatusCode();

    private static async Task SqlAsync(ServerFactory factory, string sql)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        // Raw SQL is a format string to EF: braces in JSON literals are doubled.
        await db.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    private static async Task<long> SequenceOfAsync(ServerFactory factory, Guid instance, string kind)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Journal.Where(j => j.InstanceId == instance && j.Kind == kind).Select(j => j.Sequence).FirstAsync();
    }

    private string Id(Guid id) => provider == PersistenceProvider.Sqlite ? id.ToString().ToUpperInvariant() : id.ToString();

    private static void Names(JsonObject finding, string fault, string table, Guid? instance, long? sequence)
    {
        finding["fault"]!.GetValue<string>().Should().Be(fault, finding.ToJsonString());
        finding["table"]!.GetValue<string>().Should().Be(table, finding.ToJsonString());
        if (instance is { } id) finding["instanceId"]!.GetValue<string>().Should().Be(id.ToString(), finding.ToJsonString());
        if (sequence is { } n) finding["sequence"]!.GetValue<long>().Should().Be(n, finding.ToJsonString());
        finding["message"]!.GetValue<string>().Should().MatchRegex("[\u4e00-\u9fff]", "the finding is told in Chinese first");
    }

    [Fact]
    public async Task An_intact_record_verifies_whole_per_case_and_from_the_command_line()
    {
        var factory = await ServerAsync();
        var (instance, _) = await RefusedCaseAsync(factory);
        await SealAsync(factory);

        var report = await VerifyAsync(factory);
        report["ok"]!.GetValue<bool>().Should().BeTrue(report.ToJsonString());
        report["casesChecked"]!.GetValue<long>().Should().BeGreaterThan(0);
        report["seals"]!["anchor"]!["sequence"]!.GetValue<long>().Should().Be(report["seals"]!["headSequence"]!.GetValue<long>());
        var one = await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{instance}/verify");
        one!["ok"]!.GetValue<bool>().Should().BeTrue(one.ToJsonString());
        one["tasks"]!.GetValue<int>().Should().Be(1);
        one["attachments"]!.GetValue<int>().Should().Be(1);
        one["sealedLength"]!.GetValue<long>().Should().Be(one["entries"]!.GetValue<long>());

        var output = new StringWriter();
        (await AuditCommand.RunAsync(["verify-audit"], factory.Services, output)).Should().Be(0, output.ToString());
        output.ToString().Should().Contain("The record is intact");
    }

    [Fact]
    public async Task With_SM3_configured_every_chain_uses_it_and_still_verifies()
    {
        var factory = await ServerAsync(algorithm: "sm3");
        var (instance, _) = await RefusedCaseAsync(factory);
        await SealAsync(factory);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            (await db.Journal.Where(j => j.InstanceId == instance).Select(j => j.Algorithm).Distinct().ToListAsync()).Should().Equal(HashAlgorithms.Sm3);
            (await db.Seals.Select(s => s.Algorithm).Distinct().ToListAsync()).Should().Equal(HashAlgorithms.Sm3);
        }
        (await VerifyAsync(factory))["ok"]!.GetValue<bool>().Should().BeTrue();
        await SqlAsync(factory, $"UPDATE journal SET message = 'accept' WHERE instance_id = '{Id(instance)}' AND kind = 'TaskCompleted'");
        Names(await FindingAsync(factory), "changed", "journal", instance, await SequenceOfAsync(factory, instance, "TaskCompleted"));
    }

    [Fact]
    public async Task Changing_the_refusal_reason_in_two_journal_rows_and_deleting_a_third_is_named_at_the_first()
    {
        // What was measured on the landed product: the timeline showed the forged text and verify-audit said intact.
        var factory = await ServerAsync();
        var (instance, _) = await RefusedCaseAsync(factory);
        var completed = await SequenceOfAsync(factory, instance, "TaskCompleted");
        var resumed = await SequenceOfAsync(factory, instance, "BookmarkResumed");
        await SqlAsync(factory, $"UPDATE journal SET data_json = replace(data_json, '证据不足', '证据充分') WHERE instance_id = '{Id(instance)}' AND sequence = {completed}");
        await SqlAsync(factory, $"UPDATE journal SET message = 'accept' WHERE instance_id = '{Id(instance)}' AND sequence = {resumed}");
        await SqlAsync(factory, $"DELETE FROM journal WHERE instance_id = '{Id(instance)}' AND sequence = {completed + 3}");

        Names(await FindingAsync(factory), "changed", "journal", instance, Math.Min(completed, resumed));
        var output = new StringWriter();
        (await AuditCommand.RunAsync(["verify-audit"], factory.Services, output)).Should().Be(1);
        output.ToString().Should().Contain("TAMPERED: journal").And.Contain(instance.ToString());
    }

    [Fact]
    public async Task A_removed_an_inserted_and_a_reordered_journal_entry_are_each_named()
    {
        var factory = await ServerAsync();
        var (removed, _) = await RefusedCaseAsync(factory, "EV-REMOVED");
        var (inserted, _) = await RefusedCaseAsync(factory, "EV-INSERTED");
        var (reordered, _) = await RefusedCaseAsync(factory, "EV-REORDERED");

        await SqlAsync(factory, $"DELETE FROM journal WHERE instance_id = '{Id(removed)}' AND sequence = 3");
        var one = await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{removed}/verify");
        Names(one!["finding"]!.AsObject(), "removed", "journal", removed, 3);

        // A row written with a hash that links correctly: only the case's recorded head gives it away.
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var last = await db.Journal.Where(j => j.InstanceId == inserted).OrderByDescending(j => j.Sequence).FirstAsync();
            var forged = CaseChainForm.Link(new CaseChainRow
            {
                InstanceId = inserted, Sequence = last.Sequence + 1, At = last.At, Kind = "TaskCompleted", ActorUser = "forger", Message = "accept",
            }, last.Hash!, HashAlgorithms.Sha256);
            db.Journal.Add(new Engine.Persistence.EntityFramework.Rows.JournalRow
            {
                InstanceId = inserted, Sequence = forged.Sequence, At = forged.At, Kind = forged.Kind, ActorUser = forged.ActorUser, Message = forged.Message,
                Algorithm = forged.Algorithm, PreviousHash = forged.PreviousHash, Hash = forged.Hash,
            });
            await db.SaveChangesAsync();
            var insertedAt = forged.Sequence;
            one = await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{inserted}/verify");
            Names(one!["finding"]!.AsObject(), "inserted", "journal", inserted, insertedAt);
        }

        // Two entries swap places (their sequence numbers exchanged).
        await SqlAsync(factory, $"UPDATE journal SET sequence = -1 WHERE instance_id = '{Id(reordered)}' AND sequence = 2");
        await SqlAsync(factory, $"UPDATE journal SET sequence = 2 WHERE instance_id = '{Id(reordered)}' AND sequence = 3");
        await SqlAsync(factory, $"UPDATE journal SET sequence = 3 WHERE instance_id = '{Id(reordered)}' AND sequence = -1");
        one = await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{reordered}/verify");
        one!["finding"]!["sequence"]!.GetValue<long>().Should().Be(2, one.ToJsonString());
        one["finding"]!["fault"]!.GetValue<string>().Should().BeOneOf("changed", "reordered");
    }

    [Fact]
    public async Task Rows_cut_from_the_end_are_named_by_the_case_head_and_when_that_is_forged_too_by_the_seal()
    {
        var factory = await ServerAsync();
        var (plain, _) = await RefusedCaseAsync(factory, "EV-CUT");
        var (covered, _) = await RefusedCaseAsync(factory, "EV-COVERED");
        await SealAsync(factory);
        long length;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            length = await db.Journal.Where(j => j.InstanceId == plain).MaxAsync(j => j.Sequence);

        await SqlAsync(factory, $"DELETE FROM journal WHERE instance_id = '{Id(plain)}' AND sequence >= {length - 1}");
        var one = await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{plain}/verify");
        Names(one!["finding"]!.AsObject(), "truncated", "journal", plain, length - 1);

        // The tail cut and the case row's head set back to match: the seal still knows how long the journal was.
        string? head;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            head = await db.Journal.Where(j => j.InstanceId == covered && j.Sequence == length - 2).Select(j => j.Hash).SingleAsync();
        await SqlAsync(factory, $"DELETE FROM journal WHERE instance_id = '{Id(covered)}' AND sequence >= {length - 1}");
        await SqlAsync(factory, $"UPDATE workflow_instances SET chain_length = {length - 2}, chain_head = '{head}' WHERE id = '{Id(covered)}'");
        one = await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{covered}/verify");
        Names(one!["finding"]!.AsObject(), "truncated", "journal", covered, length - 1);
    }

    [Fact]
    public async Task Seals_cut_or_rewritten_in_the_database_no_longer_meet_the_anchor_outside_it()
    {
        var factory = await ServerAsync();
        await RefusedCaseAsync(factory, "EV-S1");
        await SealAsync(factory);
        await RefusedCaseAsync(factory, "EV-S2");
        await SealAsync(factory);
        long seals;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            seals = await db.Seals.MaxAsync(s => s.Sequence);

        await SqlAsync(factory, $"DELETE FROM evidence_seal_entries WHERE seal_sequence = {seals}");
        await SqlAsync(factory, $"DELETE FROM evidence_seals WHERE sequence = {seals}");
        Names(await FindingAsync(factory), "truncated", "evidence_seals", null, seals);
    }

    [Fact]
    public async Task A_task_whose_outcome_or_data_was_changed_and_a_removed_task_are_named()
    {
        var factory = await ServerAsync();
        var (instance, task) = await RefusedCaseAsync(factory);
        var completed = await SequenceOfAsync(factory, instance, "TaskCompleted");

        await SqlAsync(factory, $"UPDATE human_tasks SET outcome = 'accept' WHERE id = '{Id(task)}'");
        var finding = await FindingAsync(factory);
        Names(finding, "changed", "human_tasks", instance, completed);
        finding["taskId"]!.GetValue<string>().Should().Be(task.ToString());

        await SqlAsync(factory, $"UPDATE human_tasks SET outcome = 'refuse', data_json = '{{\"reason\":\"证据充分\"}}' WHERE id = '{Id(task)}'");
        Names(await FindingAsync(factory), "changed", "human_tasks", instance, completed);

        await SqlAsync(factory, $"DELETE FROM human_tasks WHERE id = '{Id(task)}'");
        Names(await FindingAsync(factory), "removed", "human_tasks", instance, null);
    }

    [Fact]
    public async Task An_attachment_changed_on_disk_or_in_its_row_or_removed_is_named()
    {
        var factory = await ServerAsync();
        var (instance, _) = await RefusedCaseAsync(factory);
        var added = await SequenceOfAsync(factory, instance, "AttachmentAdded");
        var files = Directory.GetFiles(Path.Combine(factory.Folder, "attachments"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("incoming", StringComparison.Ordinal)).ToList();
        var stored = files.Should().ContainSingle().Subject;
        var original = await File.ReadAllBytesAsync(stored);

        await File.WriteAllBytesAsync(stored, [.. original.Take(original.Length - 1), (byte)'X']);
        Names(await FindingAsync(factory), "changed", "attachments", instance, added);

        await File.WriteAllBytesAsync(stored, original);
        (await VerifyAsync(factory))["ok"]!.GetValue<bool>().Should().BeTrue("the file is back as it was");
        await SqlAsync(factory, $"UPDATE attachments SET file_name = '另一份.pdf' WHERE instance_id = '{Id(instance)}'");
        Names(await FindingAsync(factory), "changed", "attachments", instance, added);

        await SqlAsync(factory, $"DELETE FROM attachments WHERE instance_id = '{Id(instance)}'");
        Names(await FindingAsync(factory), "removed", "attachments", instance, added);
    }

    [Fact]
    public async Task Command_rows_cut_from_the_end_after_a_seal_are_named()
    {
        var factory = await ServerAsync();
        await RefusedCaseAsync(factory);
        long commands;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AuditDbContext>>().CreateDbContextAsync())
            commands = await db.Records.MaxAsync(r => r.Sequence);
        commands.Should().BeGreaterThan(1, "publishing the definition and creating the API client are commands");
        await SealAsync(factory);

        // The seal command itself is recorded after the seal: the cut takes it and the last sealed row.
        await SqlAsync(factory, $"DELETE FROM audit_records WHERE sequence >= {commands}");
        Names(await FindingAsync(factory), "truncated", "audit_records", null, commands);
    }

    [Fact]
    public async Task A_replayed_completion_writes_no_second_decision_row()
    {
        var factory = await ServerAsync();
        var admin = factory.CreateAuthorizedClient();
        var started = await admin.PostAsJsonAsync("/api/instances", new { definitionId = "ev-demo", correlationKey = "EV-REPLAY" });
        var instance = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
        var task = await TaskOfAsync(admin, instance);
        async Task<HttpResponseMessage> CompleteAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/complete")
            {
                Content = JsonContent.Create(new { outcome = "refuse", data = new { reason = "证据不足" } }),
            };
            request.Headers.Add("Idempotency-Key", "replay-1");
            return await admin.SendAsync(request);
        }
        (await CompleteAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        async Task<(long Journal, long Commands)> CountsAsync()
        {
            await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            await using var audit = await factory.Services.GetRequiredService<IDbContextFactory<AuditDbContext>>().CreateDbContextAsync();
            return (await db.Journal.LongCountAsync(j => j.InstanceId == instance), await audit.Records.LongCountAsync());
        }
        var before = await CountsAsync();

        var replay = await CompleteAsync();
        replay.StatusCode.Should().Be(HttpStatusCode.OK, await replay.Content.ReadAsStringAsync());
        (await CountsAsync()).Should().Be(before, "a replay is answered from the stored result and records nothing");
        await using var check = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await check.Journal.CountAsync(j => j.InstanceId == instance && j.Kind == "TaskCompleted")).Should().Be(1);
    }

    [Fact]
    public async Task The_evidence_package_verifies_offline_its_download_is_recorded_and_a_changed_package_fails()
    {
        var factory = await ServerAsync();
        var (instance, _) = await RefusedCaseAsync(factory);
        var admin = factory.CreateAuthorizedClient();

        var response = await admin.GetAsync($"/api/cases/{instance}/evidence");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        var path = Path.Combine(factory.Folder, "package.zip");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());

        var output = new StringWriter();
        EvidencePackageCheck.Check(path, output).Should().BeEmpty(output.ToString());
        using (var zip = ZipFile.OpenRead(path))
        {
            zip.Entries.Select(e => e.FullName).Should().Contain(["manifest.json", "chain.json", "timeline.json", "timeline.docx", "seal.json", "verification.json"])
                .And.Contain(name => name.StartsWith("attachments/", StringComparison.Ordinal) && name.EndsWith("笔录.pdf", StringComparison.Ordinal));
        }
        (await EvidencePackageCheck.RunAsync(["verify-evidence", path], output)).Should().Be(0);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var exported = await db.Journal.Where(j => j.InstanceId == instance && j.Kind == "EvidenceExported").ToListAsync();
            exported.Should().ContainSingle("the download is recorded in the case's journal");
        }
        (await VerifyAsync(factory))["ok"]!.GetValue<bool>().Should().BeTrue();

        // The refusal reason changed inside the package: its manifest and its chain both say so.
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var chain = zip.GetEntry("chain.json")!;
            string text;
            using (var reader = new StreamReader(chain.Open())) text = await reader.ReadToEndAsync();
            chain.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("chain.json").Open());
            await writer.WriteAsync(text.Replace("证据不足", "证据充分", StringComparison.Ordinal));
        }
        var problems = EvidencePackageCheck.Check(path, new StringWriter());
        problems.Should().Contain(p => p.StartsWith("chain.json: SHA-256", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("chain.json: 案件", StringComparison.Ordinal));
        (await EvidencePackageCheck.RunAsync(["verify-evidence", path], new StringWriter())).Should().Be(1);
    }

    [Fact]
    public async Task Only_the_case_parties_and_the_office_verify_a_case_or_download_its_package_and_only_readers_verify_all()
    {
        var factory = await ServerAsync();
        var (instance, _) = await RefusedCaseAsync(factory);
        var admin = factory.CreateAuthorizedClient();
        (await admin.PostAsJsonAsync("/api/agencies", new { code = "hbj", name = new { zh = "环保局", en = "EPB" }, type = "enforcementUnit", region = "CN" }))
            .EnsureSuccessStatusCode();
        await factory.CreateUserAsync("ev-outsider", "hbj", ["staff"], "ev-outsider-password");
        var outsider = await factory.SignInAsync("ev-outsider", "ev-outsider-password");

        (await outsider.GetAsync($"/api/cases/{instance}/evidence")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/cases/{instance}/verify")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync("/api/audit/verify")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await outsider.PostAsync("/api/audit/seal", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Journal.CountAsync(j => j.InstanceId == instance && j.Kind == "EvidenceExported")).Should().Be(0);
    }

    [Fact]
    public async Task Two_nodes_appending_and_sealing_at_once_fork_no_chain()
    {
        if (provider != PersistenceProvider.Postgres) return; // two nodes share a database only on PostgreSQL
        var connection = await postgres!.CreateDatabaseAsync();
        var first = await ServerAsync(connection);
        var second = await ServerAsync(connection);
        var work = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var node = i % 2 == 0 ? first : second;
            await RefusedCaseAsync(node, $"EV-NODES-{i}");
            if (i % 4 == 0) await SealAsync(i % 8 == 0 ? first : second);
        }));
        await Task.WhenAll(work);
        await Task.WhenAll(SealAsync(first), SealAsync(second));

        var report = await VerifyAsync(first);
        report["ok"]!.GetValue<bool>().Should().BeTrue(report.ToJsonString());
        report["casesChecked"]!.GetValue<long>().Should().Be(24);
        (await VerifyAsync(second))["ok"]!.GetValue<bool>().Should().BeTrue();
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var sequences = await db.Seals.Select(s => s.Sequence).OrderBy(s => s).ToListAsync();
        sequences.Should().Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), "the seals form one chain");
        (await db.Instances.CountAsync(i => i.SealedLength != i.ChainLength)).Should().Be(0, "the last seals covered every case");
    }

    public void Dispose()
    {
        foreach (var factory in factories) factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
