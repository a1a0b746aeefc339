using System.Security.Cryptography;

namespace ConsultFlow.Server.Tests.Attachments;

/// <summary>
/// A non-seekable stream of <paramref name="length"/> pseudo-random bytes starting with a PDF signature, made as it is
/// read and hashed on the way, so the client never holds the file either and the upload goes out chunked.
/// </summary>
public sealed class GeneratedStream(long length, int seed) : Stream
{
    private readonly Random random = new(seed);
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long position;
    private string? sha256;

    /// <summary>The SHA-256 of everything read, once the end was reached (the HTTP client disposes the stream after sending).</summary>
    public string Sha256 => sha256 ?? throw new InvalidOperationException("The stream was not read to its end.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - position);
        if (n <= 0)
        {
            sha256 ??= Convert.ToHexStringLower(hash.GetCurrentHash());
            return 0;
        }
        var span = buffer.AsSpan(offset, n);
        random.NextBytes(span);
        if (position == 0 && n >= 5) "%PDF-"u8.CopyTo(span);
        hash.AppendData(span);
        position += n;
        if (position == length) sha256 = Convert.ToHexStringLower(hash.GetCurrentHash());
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) hash.Dispose();
        base.Dispose(disposing);
    }
}
