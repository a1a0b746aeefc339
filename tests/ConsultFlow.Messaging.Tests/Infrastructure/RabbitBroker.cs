using System.Diagnostics;

namespace ConsultFlow.Messaging.Tests.Infrastructure;

/// <summary>
/// A RabbitMQ node for the messaging tests: ./test.sh's (CONSULTFLOW_TEST_RABBITMQ, _DIR, _PORT) or one started here
/// with tests/tools/rabbitmq.sh on a random port and stopped afterwards. Each test gets a virtual host of its own.
/// </summary>
public sealed class RabbitBroker : IAsyncLifetime
{
    private bool ownNode;

    public string Directory { get; private set; } = "";
    public int Port { get; private set; }
    public static string Script => Path.Combine(Repository.Root, "tests", "tools", "rabbitmq.sh");

    public async Task InitializeAsync()
    {
        var uri = Environment.GetEnvironmentVariable("CONSULTFLOW_TEST_RABBITMQ");
        var dir = Environment.GetEnvironmentVariable("CONSULTFLOW_TEST_RABBITMQ_DIR");
        var port = Environment.GetEnvironmentVariable("CONSULTFLOW_TEST_RABBITMQ_PORT");
        if (!string.IsNullOrWhiteSpace(uri) && !string.IsNullOrWhiteSpace(dir) && int.TryParse(port, out var given))
        {
            Directory = dir;
            Port = given;
            return;
        }
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
            throw new InvalidOperationException("RabbitMQ is needed for these tests: install rabbitmq-server or run ./test.sh.");
        Port = Random.Shared.Next(20000, 40000);
        Directory = Path.Combine(Path.GetTempPath(), $"consultflow-rabbitmq-{Port}");
        ownNode = true;
        await RunAsync("start", Directory, Port.ToString());
    }

    /// <summary>A fresh virtual host the default user may use.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        var name = "cf-" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync("add_vhost", name);
        await CtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return name;
    }

    public Task DeleteVirtualHostAsync(string name) => CtlAsync("delete_vhost", name);

    public Task StopAppAsync() => CtlAsync("stop_app");

    public Task StartAppAsync() => CtlAsync("start_app");

    /// <summary>How many messages a queue of a virtual host holds (ready + unacknowledged).</summary>
    public async Task<string> ListQueuesAsync(string vhost) =>
        await RunAsync("ctl", Directory, Port.ToString(), "list_queues", "-p", vhost, "name", "messages");

    private Task<string> CtlAsync(params string[] args) => RunAsync(["ctl", Directory, Port.ToString(), .. args]);

    private static async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmq.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        return await output;
    }

    public async Task DisposeAsync()
    {
        if (!ownNode) return;
        await RunAsync("stop", Directory, Port.ToString());
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
