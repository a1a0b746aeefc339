using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Persistence.EntityFramework.Migrations;
using ConsultFlow.Server.Features.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Server.Tests.Evidence;

/// <summary>
/// A database from before the evidence chain (migration 0005, attachments stored then) upgraded by starting the new
/// server on it: the journal is chained as it was stored, the old attachment is recorded once as recorded at the
/// upgrade, nothing is lost or rewritten, and the whole record verifies.
/// </summary>
public sealed class EvidenceUpgradeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-upgrade-").FullName;

    private ServerFactory Server()
    {
        var factory = new ServerFactory();
        factory.Settings["ConsultFlow:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "server.db")};Default Timeout=30";
        factory.Settings["ConsultFlow:Attachments:Path"] = Path.Combine(folder, "attachments");
        factory.Settings["ConsultFlow:Evidence:AnchorFile"] = Path.Combine(folder, "anchors.jsonl");
        return factory;
    }

    [Fact]
    public async Task An_older_database_gets_the_chain_without_losing_or_rewriting_anything()
    {
        Guid instance;
        List<(long Sequence, string Kind, string? Message, string? Data)> journalBefore;
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 早先上传的笔录");
        var attachmentId = Guid.NewGuid();
        using (var old = Server())
        {
            var admin = old.CreateAuthorizedClient();
            var started = await admin.PostAsJsonAsync("/api/instances", new { definitionId = "examples.simple-consultation", correlationKey = "UPGRADE-1",
                input = new { requestingAgency = "sfj", subject = "升级前的案件", background = "背景", content = "内容" } });
            started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            instance = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());

            // Back to the schema before the chain (0006's Down), then an attachment stored the way the code of then did.
            await old.Services.GetRequiredService<DatabaseMigrator>().MigrateToAsync(Outbox.Id);
            var storage = old.Services.GetRequiredService<AttachmentStorage>();
            var key = AttachmentStorage.KeyOf(attachmentId);
            Directory.CreateDirectory(Path.GetDirectoryName(storage.FullPath(key))!);
            await File.WriteAllBytesAsync(storage.FullPath(key), bytes);
            await using (var db = await old.Services.GetRequiredService<IDbContextFactory<AttachmentsDbContext>>().CreateDbContextAsync())
            {
                db.Attachments.Add(new Attachment
                {
                    Id = attachmentId, InstanceId = instance, FileName = "早先的笔录.pdf", ContentType = "application/pdf", Size = bytes.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), StorageKey = key, UploadedByUserId = "u-old",
                    UploadedByUserName = "老用户", UploadedByAgency = "sfj", UploadedAt = DateTimeOffset.UtcNow.AddDays(-30),
                });
                await db.SaveChangesAsync();
            }
            journalBefore = await JournalAsync(old);
        }

        using var upgraded = Server();
        var report = await upgraded.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>("/api/audit/verify");
        report!["ok"]!.GetValue<bool>().Should().BeTrue(report.ToJsonString());

        var journalAfter = await JournalAsync(upgraded);
        journalAfter.Take(journalBefore.Count).Should().Equal(journalBefore, "the entries written before the upgrade are kept as they were");
        var added = journalAfter.Skip(journalBefore.Count).Should().ContainSingle("the old attachment is recorded once").Subject;
        added.Kind.Should().Be("AttachmentAdded");
        var data = JsonNode.Parse(added.Data!)!;
        data["recordedAtUpgrade"]!.GetValue<bool>().Should().BeTrue();
        data["attachmentId"]!.GetValue<string>().Should().Be(attachmentId.ToString());
        var one = await upgraded.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>($"/api/cases/{instance}/verify");
        one!["attachments"]!.GetValue<int>().Should().Be(1);
        one["ok"]!.GetValue<bool>().Should().BeTrue(one.ToJsonString());
    }

    private static async Task<List<(long Sequence, string Kind, string? Message, string? Data)>> JournalAsync(ServerFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Plain SQL: at schema 0005 the context's model has columns the table lacks.
        command.CommandText = "SELECT sequence, kind, message, data_json FROM journal ORDER BY instance_id, sequence";
        var rows = new List<(long Sequence, string Kind, string? Message, string? Data)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return rows;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
