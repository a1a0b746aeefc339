using System.Diagnostics;
using System.Net.Sockets;
using System.Net;

namespace ConsultFlow.Messaging.Tests.Infrastructure;

/// <summary>
/// A real process from this test's output folder (the server, or the stand-in agency system) with its output kept in
/// a log file. <see cref="Kill"/> is SIGKILL: no shutdown code of the process runs.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private NodeProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }
    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    public static NodeProcess Start(string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Nothing of the test runner's own configuration leaks in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConsultFlow__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var writer = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(name, process, writer);
    }

    public void Kill()
    {
        if (process.HasExited) return;
        // SIGKILL straight away: no graceful stop, the node just vanishes mid-work.
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException) { }
        }
        process.Dispose();
        lock (log) log.Dispose();
    }
}
