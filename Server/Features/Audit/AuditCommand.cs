using ConsultFlow.Server.Features.Evidence;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// <c>dotnet run --project Server -- verify-audit</c>: checks the whole record (seals against the anchor, the command
/// record, every case's journal, tasks and attachments), prints the result and exits 0 when intact.
/// </summary>
public static class AuditCommand
{
    public const string Name = "verify-audit";

    public static Task<int> RunAsync(string[] args, IServiceProvider services) => RunAsync(args, services, Console.Out);

    internal static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        _ = args; // nothing to choose yet; the first argument is the command's own name
        try
        {
            var verifier = services.GetRequiredService<EvidenceVerifier>();
            long cases = 0, entries = 0, tasks = 0, files = 0;
            EvidenceReport report;
            for (var skip = 0; ; skip = report.NextSkip!.Value)
            {
                report = await verifier.VerifyAsync(skip, CancellationToken.None);
                cases += report.CasesChecked;
                entries += report.EntriesChecked;
                tasks += report.TasksChecked;
                files += report.AttachmentsChecked;
                if (report.Finding is not null || report.NextSkip is null) break;
            }
            var seals = report.Seals;
            if (report.Finding is { } finding)
            {
                await output.WriteLineAsync($"TAMPERED: {finding.Table}" + (finding.InstanceId is { } id ? $", case {id}" : "")
                    + (finding.Sequence is { } n ? $", row {n}" : "") + $" ({finding.Fault}): {finding.MessageEn}");
                await output.WriteLineAsync(finding.Message);
                return 1;
            }
            await output.WriteLineAsync($"The record is intact: {seals.Count} seals" + (seals.Anchor is { } anchor
                ? $" (anchored up to seal {anchor.Sequence} in {seals.AnchorFile})" : seals.AnchorFile is null ? " (anchoring is off)" : " (no anchor yet)")
                + $", {cases} cases with {entries} journal entries, {tasks} tasks and {files} attachments.");
            return 0;
        }
        catch (Exception ex)
        {
            await output.WriteLineAsync($"The record could not be verified: {ex.Message}");
            return 1;
        }
    }
}
