using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ConsultFlow.Scheduling.Tests.Infrastructure;

/// <summary>
/// A mail server on loopback that speaks enough SMTP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to accept what
/// System.Net.Mail sends, and keeps every message it received.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<ReceivedMail> received = [];
    private readonly Task accepting;

    public SmtpSink()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data)
    {
        /// <summary>The Subject header with its RFC 2047 encoded words decoded.</summary>
        public string Subject => Decode(Regex.Match(Data, @"^Subject: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline).Groups[1].Value);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>While true, every connection is answered "421 service not available" and closed: a mail server that is down.</summary>
    public bool Refusing { get; set; }

    public IReadOnlyList<ReceivedMail> Received
    {
        get
        {
            lock (received) return received.ToList();
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        if (Refusing)
        {
            await writer.WriteLineAsync("421 sink.test Service not available");
            return;
        }
        await writer.WriteLineAsync("220 sink.test ESMTP");
        string from = "";
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-sink.test");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RSET":
                    from = "";
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "MAIL":
                    from = Address(line);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    lock (received) received.Add(new ReceivedMail(from, to.ToList(), data.ToString()));
                    to.Clear();
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    private static string Address(string line) => AddressPattern().Match(line).Groups[1].Value;

    /// <summary>Joins the bytes of adjacent base64 encoded words first: a UTF-8 character may be split between two words.</summary>
    private static string Decode(string header)
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        var charset = "utf-8";
        var at = 0;
        header = header.Replace("\r\n", "");
        foreach (Match word in EncodedWord().Matches(header))
        {
            if (word.Index > at)
            {
                Flush();
                text.Append(header, at, word.Index - at);
            }
            charset = word.Groups[1].Value;
            bytes.AddRange(Convert.FromBase64String(word.Groups[3].Value));
            at = word.Index + word.Length;
        }
        Flush();
        return text.Append(header[at..]).ToString();

        void Flush()
        {
            if (bytes.Count == 0) return;
            text.Append(Encoding.GetEncoding(charset).GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([Bb])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWord();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }
}
