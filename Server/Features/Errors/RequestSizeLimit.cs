namespace ConsultFlow.Server.Features.Errors;

/// <summary>
/// Refuses request bodies over the limit with 413 before they are read, whatever server hosts the app (Kestrel's own
/// limit does not apply under the in-memory test server or behind some proxies).
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBytes)
            throw new BadHttpRequestException($"The body is larger than {MaxBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);
        if (http.Request.ContentLength is null && http.Request.Body.CanRead)
            http.Request.Body = new LimitedStream(http.Request.Body, MaxBytes);
        return next(http);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int n)
        {
            read += n;
            return read > limit
                ? throw new BadHttpRequestException($"The body is larger than {limit / 1024} KiB.", StatusCodes.Status413PayloadTooLarge)
                : n;
        }
    }
}
