using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// Every host name this process looks up, every HTTP request it starts and every socket it connects, as .NET's own
/// networking telemetry reports them (event sources System.Net.NameResolution, System.Net.Http, System.Net.Sockets).
/// Process-wide: whatever the server does in this process, on whichever thread, is seen.
/// </summary>
public sealed class OutboundConnections : EventListener
{
    private static readonly string[] Sources = ["System.Net.NameResolution", "System.Net.Http", "System.Net.Sockets"];
    private readonly ConcurrentQueue<string> seen = new();

    /// <summary>What was seen, e.g. "lookup localhost", "http https://usage.example:443/", "connect InterNetwork 127.0.0.1:5432".</summary>
    public IReadOnlyCollection<string> Seen => seen.ToArray();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (Sources.Contains(source.Name)) EnableEvents(source, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventSource.Name, e.EventName)
        {
            case ("System.Net.NameResolution", "ResolutionStart"):
                seen.Enqueue($"lookup {e.Payload?[0]}");
                break;
            case ("System.Net.Http", "RequestStart"):
                // Payload: scheme, host, port, path and query, versions.
                seen.Enqueue($"http {e.Payload?[0]}://{e.Payload?[1]}:{e.Payload?[2]}{e.Payload?[3]}");
                break;
            case ("System.Net.Sockets", "ConnectStart"):
                seen.Enqueue($"connect {Describe(e.Payload?[0] as string)}");
                break;
        }
    }

    /// <summary>The entries that reach beyond this machine: anything not loopback, not a local socket.</summary>
    public IReadOnlyList<string> BeyondThisMachine() => Seen.Where(entry => !IsLocal(entry)).ToList();

    private static bool IsLocal(string entry) =>
        entry is "lookup localhost" or "lookup 127.0.0.1" or "lookup ::1"
        || entry.StartsWith("http http://127.0.0.1:", StringComparison.Ordinal)
        || entry.StartsWith("http http://localhost:", StringComparison.Ordinal)
        || entry.StartsWith("connect Unix", StringComparison.Ordinal)
        || entry.StartsWith("connect InterNetwork 127.", StringComparison.Ordinal)
        || entry.StartsWith("connect InterNetworkV6 ::1", StringComparison.Ordinal)
        || entry.StartsWith("connect InterNetworkV6 ::ffff:127.", StringComparison.Ordinal);

    /// <summary>
    /// A socket address as the Sockets event source writes it, "InterNetwork:16:{0,80,127,0,0,1,...}" (family, size,
    /// the raw sockaddr bytes: port then address), read back as "InterNetwork 127.0.0.1:80".
    /// </summary>
    private static string Describe(string? socketAddress)
    {
        if (socketAddress is null) return "?";
        var parts = socketAddress.Split(':', 3);
        if (parts.Length < 3) return socketAddress;
        var bytes = parts[2].Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(b => byte.Parse(b.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return parts[0] switch
        {
            "InterNetwork" when bytes.Length >= 6 => $"InterNetwork {new System.Net.IPAddress(bytes[2..6])}:{bytes[0] << 8 | bytes[1]}",
            "InterNetworkV6" when bytes.Length >= 22 => $"InterNetworkV6 {new System.Net.IPAddress(bytes[6..22])}:{bytes[0] << 8 | bytes[1]}",
            _ => socketAddress,
        };
    }
}
