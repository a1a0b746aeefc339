using System.Text;
using System.Text.Json;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>
/// The anchors outside the database: a file only ever appended to, one JSON line per seal. Appends are serialised in
/// this process and each line is written whole and flushed to disk before the seal counts as anchored.
/// </summary>
public sealed class AnchorFile(EvidenceOptions options, IHostEnvironment environment, ILogger<AnchorFile> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim gate = new(1, 1);

    public string? Path { get; } = string.IsNullOrWhiteSpace(options.AnchorFile)
        ? null
        : System.IO.Path.GetFullPath(options.AnchorFile, environment.ContentRootPath);

    public bool Enabled => Path is not null;

    public async Task AppendAsync(EvidenceAnchor anchor, CancellationToken ct)
    {
        if (Path is null) return;
        await gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(anchor, Json) + "\n");
            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
            await file.WriteAsync(line, ct);
            await file.FlushAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The last anchor in the file, or null when there is none (or anchoring is off).</summary>
    public async Task<EvidenceAnchor?> LatestAsync(CancellationToken ct)
    {
        if (Path is null || !File.Exists(Path)) return null;
        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // Read backwards: the file grows by a line a minute for years, the last line is all that is needed.
        var tail = new byte[Math.Min(file.Length, 64 * 1024)];
        file.Seek(-tail.Length, SeekOrigin.End);
        await file.ReadExactlyAsync(tail, ct);
        var lines = Encoding.UTF8.GetString(tail).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            try
            {
                if (JsonSerializer.Deserialize<EvidenceAnchor>(lines[i], Json) is { } anchor) return anchor;
            }
            catch (JsonException ex)
            {
                // A line cut by a crash mid-write: the one before it is the last whole anchor.
                logger.LogWarning(ex, "Line {Line} from the end of the anchor file {Path} is not an anchor; using the one before.", lines.Length - i, Path);
            }
        }
        return null;
    }
}
