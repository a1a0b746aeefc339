using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace ConsultFlow.Messaging.Tests.Infrastructure;

/// <summary>
/// One test's ConsultFlow installation: a fresh PostgreSQL database, a RabbitMQ virtual host of its own, any number of
/// server processes on them (configured through environment variables, exactly as docker/compose.yaml does) and the
/// stand-in public-security system. Disposing kills every process and drops the virtual host.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    public const string AdminPassword = "admin-password-for-messaging";
    public const string DemoPassword = "demo-password-for-messaging";

    private readonly RabbitBroker rabbit;
    private readonly List<ServerNode> nodes = [];
    private readonly List<NodeProcess> agencies = [];

    private Deployment(RabbitBroker rabbit, string connectionString, string virtualHost, string folder, string[] agencySystems)
    {
        this.rabbit = rabbit;
        ConnectionString = connectionString;
        VirtualHost = virtualHost;
        Folder = folder;
        AgencySystems = agencySystems;
    }

    public string ConnectionString { get; }
    public string VirtualHost { get; }
    public string Folder { get; }
    public string[] AgencySystems { get; }
    public IReadOnlyList<ServerNode> Nodes => nodes;
    public RabbitBroker Broker => rabbit;
    /// <summary>More (or overriding) settings for the server processes started after they are set.</summary>
    public Dictionary<string, string> ServerSettings { get; } = [];
    /// <summary>More settings for the agency system (e.g. AGENCY_FILING_STEP).</summary>
    public Dictionary<string, string> AgencySettings { get; } = [];

    public static async Task<Deployment> CreateAsync(PostgresServer postgres, RabbitBroker rabbit, params string[] agencySystems)
    {
        var folder = Path.Combine(Path.GetTempPath(), "consultflow-messaging-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new Deployment(rabbit, await postgres.CreateDatabaseAsync(), await rabbit.CreateVirtualHostAsync(), folder,
            agencySystems.Length == 0 ? ["gaj"] : agencySystems);
    }

    public IReadOnlyDictionary<string, string> ServerEnvironment(string nodeName) => new Dictionary<string, string>
    {
        ["ConsultFlow__Database__Provider"] = "Postgres",
        ["ConsultFlow__Database__ConnectionString"] = ConnectionString,
        ["ConsultFlow__Admin__UserName"] = "admin",
        ["ConsultFlow__Admin__Password"] = AdminPassword,
        ["ConsultFlow__Admin__Agency"] = "sfj",
        ["ConsultFlow__Admin__InitialPasswordFile"] = Path.Combine(Folder, "initial-admin-password"),
        // Shared by every node, as behind one load-balanced address: a cookie from one node is good at the others.
        ["ConsultFlow__DataProtectionKeysPath"] = Path.Combine(Folder, "keys"),
        ["ConsultFlow__Evidence__AnchorFile"] = Path.Combine(Folder, $"evidence-anchors-{nodeName}.jsonl"),
        ["ConsultFlow__Messaging__Transport"] = "RabbitMq",
        ["ConsultFlow__Messaging__Host"] = "127.0.0.1",
        ["ConsultFlow__Messaging__Port"] = rabbit.Port.ToString(),
        ["ConsultFlow__Messaging__VirtualHost"] = VirtualHost,
        ["ConsultFlow__Messaging__UserName"] = "guest",
        ["ConsultFlow__Messaging__Password"] = "guest",
        ["ConsultFlow__Messaging__NodeName"] = nodeName,
        // Short, so that a killed node's claims are taken over within the test's patience.
        ["ConsultFlow__Messaging__LeaseSeconds"] = "3",
        ["ConsultFlow__Messaging__RelayPollMilliseconds"] = "50",
        ["ConsultFlow__Messaging__OwedResumeSeconds"] = "1",
        ["ConsultFlow__Messaging__RetryLimit"] = "3",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["DOTNET_gcServer"] = "0",
    }.Concat(AgencySystems.Select((code, i) => KeyValuePair.Create($"ConsultFlow__Messaging__AgencySystems__{i}", code)))
        .Concat(ServerSettings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    public async Task<ServerNode> StartNodeAsync(string name)
    {
        var port = NodeProcess.FreePort();
        var process = NodeProcess.Start(name, "ConsultFlow.Server.dll", ["--urls", $"http://127.0.0.1:{port}"], ServerEnvironment(name),
            Path.Combine(Folder, name + ".log"));
        var node = new ServerNode(name, process, new Uri($"http://127.0.0.1:{port}/"));
        nodes.Add(node);
        await WaitReadyAsync(node);
        return node;
    }

    public async Task<NodeProcess> StartAgencySystemAsync(string agency = "gaj")
    {
        var logFile = Path.Combine(Folder, $"agency-{agency}.out");
        var process = NodeProcess.Start(agency, "ConsultFlow.AgencySystem.dll", [], new Dictionary<string, string>
        {
            ["AGENCY_CODE"] = agency,
            ["AGENCY_LOG"] = ReceivedLogOf(agency),
            ["RABBITMQ_HOST"] = "127.0.0.1",
            ["RABBITMQ_PORT"] = rabbit.Port.ToString(),
            ["RABBITMQ_VHOST"] = VirtualHost,
        }.Concat(AgencySettings).ToDictionary(), logFile);
        agencies.Add(process);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!(File.Exists(logFile) && (await ReadSharedAsync(logFile)).Contains("ready:")))
        {
            if (process.HasExited || DateTime.UtcNow > until)
                throw new InvalidOperationException($"The agency system did not start: {(File.Exists(logFile) ? await ReadSharedAsync(logFile) : "")}");
            await Task.Delay(200);
        }
        return process;
    }

    public string ReceivedLogOf(string agency) => Path.Combine(Folder, $"agency-{agency}.received");

    /// <summary>Every delivery the agency system saw: (message id, instance id, step), duplicates included.</summary>
    public async Task<List<(Guid MessageId, Guid InstanceId, string Step)>> DeliveriesAsync(string agency = "gaj")
    {
        var path = ReceivedLogOf(agency);
        if (!File.Exists(path)) return [];
        return (await ReadSharedAsync(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => (Guid.Parse(parts[0]), Guid.Parse(parts[1]), parts[2]))
            .ToList();
    }

    public Task<UserSession> SignInAsync(ServerNode node, string userName = "admin", string? password = null) =>
        UserSession.SignInAsync(node.BaseAddress, userName, password ?? (userName == "admin" ? AdminPassword : DemoPassword));

    /// <summary>Publishes a test process from this project's Workflows folder through the API.</summary>
    public static async Task PublishAsync(UserSession admin, string definitionId)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Workflows", definitionId + ".json")))!;
        var response = await admin.Http.PutAsync($"api/definitions/{definitionId}/draft",
            new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Saving {definitionId} failed: {text}");
        var saved = JsonNode.Parse(text)!;
        saved["errors"]!.AsArray().Should().BeEmpty("the test process {0} is valid", definitionId);
        var version = saved["definition"]!["version"]!.GetValue<int>();
        await admin.PostOkAsync($"/api/definitions/{definitionId}/versions/{version}/publish", null);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T));
    }

    public async Task<List<(string Key, long Count)>> GroupCountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!, reader.GetInt64(1)));
        return rows;
    }

    /// <summary>Journal rows that appear more than once for the same instance, kind, activity and execution.</summary>
    public Task<List<(string Key, long Count)>> DuplicateJournalEntriesAsync() => GroupCountAsync("""
        SELECT instance_id::text || ' ' || kind || ' ' || coalesce(activity_id, '') || ' ' || coalesce(execution_id::text, '') || ' ' || coalesce(message, ''), count(*)
        FROM journal
        WHERE kind IN ('ActivityStarted', 'ActivityCompleted', 'MessageSent', 'MessageReceived', 'TaskCompleted', 'InstanceCompleted')
        GROUP BY instance_id, kind, activity_id, execution_id, message HAVING count(*) > 1
        """);

    /// <summary>Waits until <paramref name="sql"/> (a count) reaches <paramref name="expected"/>; returns the last count.</summary>
    public async Task<long> WaitForCountAsync(string sql, long expected, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        long count;
        while ((count = await ScalarAsync<long>(sql)) < expected && DateTime.UtcNow < until)
            await Task.Delay(250);
        return count;
    }

    /// <summary>Waits until <paramref name="sql"/> (a count) drops to zero; returns the last count.</summary>
    public async Task<long> WaitForNoneAsync(string sql, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        long count;
        while ((count = await ScalarAsync<long>(sql)) > 0 && DateTime.UtcNow < until)
            await Task.Delay(250);
        return count;
    }

    /// <summary>Unsent outbox rows: the step that completes a case writes its last event, relayed a moment later.</summary>
    public const string UnsentOutbox = "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL";

    private async Task WaitReadyAsync(ServerNode node)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (node.Process.HasExited)
                throw new InvalidOperationException($"Server {node.Name} exited during start-up. Logs:\n{Logs()}");
            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"Server {node.Name} did not become ready in 120 s.");
            await Task.Delay(200);
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The servers' and the agency system's output, for a failing test's message.</summary>
    public string Logs(int lastLines = 40) => string.Join("\n", Directory.GetFiles(Folder, "*.log").Concat(Directory.GetFiles(Folder, "*.out"))
        .Select(f => $"--- {Path.GetFileName(f)}\n" + string.Join("\n", ReadSharedAsync(f).GetAwaiter().GetResult().Split('\n').TakeLast(lastLines))));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes) await node.Process.DisposeAsync();
        foreach (var agency in agencies) await agency.DisposeAsync();
        try { await rabbit.DeleteVirtualHostAsync(VirtualHost); } catch (InvalidOperationException) { }
        if (Environment.GetEnvironmentVariable("CONSULTFLOW_KEEP_TEST_LOGS") is null)
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
