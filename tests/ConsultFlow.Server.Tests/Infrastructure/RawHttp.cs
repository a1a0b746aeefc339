using System.Net.Sockets;
using System.Text;

namespace ConsultFlow.Server.Tests.Infrastructure;

/// <summary>
/// Sends one request over a plain socket and returns the response's status line. For oversized bodies HttpClient
/// cannot be used: the server answers 413 and closes the connection while the client is still sending, and HttpClient
/// then reports only the broken pipe (sometimes) instead of the answer.
/// </summary>
public static class RawHttp
{
    public static async Task<string> PostStatusLineAsync(Uri server, string path, string contentType, byte[] body,
        IEnumerable<KeyValuePair<string, string>> headers, bool chunked = false)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {contentType}\r\n");
        head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        var reading = ReadStatusLineAsync(stream);
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()));
            const int piece = 16 * 1024;
            for (var offset = 0; offset < body.Length && !reading.IsCompleted; offset += piece)
            {
                var size = Math.Min(piece, body.Length - offset);
                if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                await stream.WriteAsync(body.AsMemory(offset, size));
                if (chunked) await stream.WriteAsync("\r\n"u8.ToArray());
            }
            if (chunked && !reading.IsCompleted) await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server stopped reading and closed; its answer is already on the way.
        }
        return await reading;
    }

    private static async Task<string> ReadStatusLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != (byte)'\n') line.Add(one[0]);
        return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
    }
}
