namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// A received file in the incoming folder, not yet an attachment: its size, SHA-256 and first bytes. Disposing it
/// deletes the temporary file unless <see cref="AttachmentStorage.Commit"/> has moved it into place.
/// </summary>
public sealed class StagedFile(string path, long size, string sha256, byte[] head) : IDisposable
{
    public string Path { get; } = path;
    public long Size { get; } = size;
    public string Sha256 { get; } = sha256;

    /// <summary>Up to the first 16 bytes, for recognising the real type of the content.</summary>
    public byte[] Head { get; } = head;

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left for the next start's clean-up of the incoming folder.
        }
    }
}
