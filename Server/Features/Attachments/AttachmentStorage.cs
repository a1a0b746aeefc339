using System.Buffers;
using System.Security.Cryptography;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// The files on disk. A file is received into an incoming folder (same volume) while its SHA-256 is computed chunk by
/// chunk, so nothing is held whole in memory, and moved into place only once it is complete and accepted; a refused or
/// broken upload leaves nothing behind. Stored names are made from the attachment id, never from what the client sent.
/// </summary>
public sealed class AttachmentStorage(AttachmentOptions options, IHostEnvironment environment)
{
    private const int BufferSize = 81920;
    private const int HeadLength = 16;

    public string Root { get; } = options.ResolvePath(environment.ContentRootPath);

    private string Incoming => Path.Combine(Root, ".incoming");

    /// <summary>Creates the folders and removes temporary files a crashed upload may have left.</summary>
    public void EnsureFolders()
    {
        Directory.CreateDirectory(Root);
        if (Directory.Exists(Incoming))
        {
            foreach (var stale in Directory.EnumerateFiles(Incoming, "*.part"))
            {
                if (File.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1))
                {
                    try { File.Delete(stale); } catch (IOException) { }
                }
            }
        }
        Directory.CreateDirectory(Incoming);
    }

    public static string KeyOf(Guid id)
    {
        var name = id.ToString("N");
        return $"{name[..2]}/{name}";
    }

    /// <summary>
    /// Copies <paramref name="content"/> to a temporary file, hashing as it goes. Null when it is longer than
    /// <paramref name="maxBytes"/>: the copy stops there and the temporary file is deleted.
    /// </summary>
    public async Task<StagedFile?> ReceiveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Incoming);
        var path = Path.Combine(Incoming, $"{Guid.NewGuid():N}.part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var completed = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[HeadLength];
            long total = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
                {
                    if (total < HeadLength) buffer.AsSpan(0, (int)Math.Min(read, HeadLength - total)).CopyTo(head.AsSpan((int)total));
                    total += read;
                    if (total > maxBytes) return null;
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
            }
            completed = true;
            return new StagedFile(path, total, Convert.ToHexStringLower(hash.GetHashAndReset()), head[..(int)Math.Min(total, HeadLength)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!completed)
            {
                try { File.Delete(path); } catch (IOException) { }
            }
        }
    }

    /// <summary>Moves a received file to its place; the attachment row is written after this and undone with <see cref="Delete"/>.</summary>
    public void Commit(StagedFile staged, string storageKey)
    {
        var target = FullPath(storageKey);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(staged.Path, target, overwrite: false);
    }

    public void Delete(string storageKey)
    {
        try { File.Delete(FullPath(storageKey)); } catch (IOException) { }
    }

    /// <summary>
    /// Opens the stored file after checking its length and SHA-256 against the row, positioned at the start; null when
    /// it is missing or differs (changed or damaged on disk). The handle stays open between the check and the sending,
    /// and denies writers where the platform enforces it.
    /// </summary>
    public async Task<Stream?> OpenVerifiedAsync(Attachment attachment, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(FullPath(attachment.StorageKey), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            if (stream.Length != attachment.Size || !string.Equals(await HashAsync(stream, ct), attachment.Sha256, StringComparison.Ordinal))
            {
                await stream.DisposeAsync();
                return null;
            }
            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The stored file's path, for tests and operators; always inside <see cref="Root"/>.</summary>
    public string FullPath(string storageKey)
    {
        var full = Path.GetFullPath(Path.Combine(Root, storageKey));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException($"The storage key '{storageKey}' leads outside the attachments folder.");
    }

    private static async Task<string> HashAsync(Stream stream, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0) hash.AppendData(buffer, 0, read);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
