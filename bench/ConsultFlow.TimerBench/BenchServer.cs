using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConsultFlow.TimerBench;

/// <summary>
/// One ConsultFlow server process on the real clock, on a SQLite file of its own (the embedded default) or a fresh
/// PostgreSQL database, configured through environment variables as docker/compose.yaml does. The bench reads the
/// journal straight from that database.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string AdminPassword = "admin-password-for-timer-bench";

    private readonly NodeProcess process;
    private readonly string folder;
    private readonly Func<DbConnection> connect;

    private BenchServer(string store, NodeProcess process, Uri baseAddress, string folder, Func<DbConnection> connect)
    {
        Store = store;
        this.process = process;
        BaseAddress = baseAddress;
        this.folder = folder;
        this.connect = connect;
    }

    public string Store { get; }
    public bool IsPostgres { get; private init; }
    public Uri BaseAddress { get; }
    public string LogFile => Path.Combine(folder, "server.log");

    /// <summary>Starts the server on SQLite (<paramref name="postgres"/> null) or on that PostgreSQL database.</summary>
    public static async Task<BenchServer> StartAsync(string store, string? postgres, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("consultflow-timerbench-").FullName;
        var sqliteFile = Path.Combine(folder, "consultflow.db");
        var environment = new Dictionary<string, string>
        {
            ["ConsultFlow__Database__Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["ConsultFlow__Database__ConnectionString"] = postgres ?? $"Data Source={sqliteFile};Default Timeout=30",
            ["ConsultFlow__Admin__UserName"] = "admin",
            ["ConsultFlow__Admin__Password"] = AdminPassword,
            ["ConsultFlow__Admin__Agency"] = "sfj",
            ["ConsultFlow__Admin__InitialPasswordFile"] = Path.Combine(folder, "initial-admin-password"),
            ["ConsultFlow__DataProtectionKeysPath"] = Path.Combine(folder, "keys"),
            ["ConsultFlow__Evidence__AnchorFile"] = Path.Combine(folder, "evidence-anchors.jsonl"),
            ["ConsultFlow__Attachments__Path"] = Path.Combine(folder, "attachments"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        var port = NodeProcess.FreePort();
        var node = NodeProcess.Start(store, "ConsultFlow.Server.dll", ["--urls", $"http://127.0.0.1:{port}"], environment,
            Path.Combine(folder, "server.log"));
        Func<DbConnection> connect = postgres is null
            ? () => new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly;Default Timeout=30")
            : () => new NpgsqlConnection(postgres);
        var server = new BenchServer(store, node, new Uri($"http://127.0.0.1:{port}/"), folder, connect) { IsPostgres = postgres is not null };
        try
        {
            await server.WaitReadyAsync();
        }
        catch
        {
            Console.Error.WriteLine(server.Log());
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public Task<UserSession> SignInAsync() => UserSession.SignInAsync(BaseAddress, "admin", AdminPassword);

    /// <summary>Saves the definition as a draft and publishes it through the API.</summary>
    public static async Task PublishAsync(UserSession admin, string json)
    {
        var id = JsonNode.Parse(json)!["id"]!.GetValue<string>();
        var response = await admin.Http.PutAsync($"api/definitions/{id}/draft", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Saving {id} failed: {text}");
        var saved = JsonNode.Parse(text)!;
        if (saved["errors"] is JsonArray { Count: > 0 } errors) throw new InvalidOperationException($"{id} is not valid: {errors.ToJsonString()}");
        var version = saved["definition"]!["version"]!.GetValue<int>();
        await admin.PostOkAsync($"/api/definitions/{id}/versions/{version}/publish", null);
    }

    /// <summary>Every <c>BookmarkResumed</c> journal entry of <paramref name="activityId"/> in instances of the definition: when it was journaled.</summary>
    public async Task<Dictionary<Guid, List<DateTimeOffset>>> ResumesAsync(string definitionId, string activityId)
    {
        var rows = await QueryAsync(
            "SELECT j.instance_id, j.at FROM journal j JOIN workflow_instances w ON w.id = j.instance_id " +
            "WHERE w.definition_id = @definition AND j.kind = 'BookmarkResumed' AND j.activity_id = @activity",
            ("definition", definitionId), ("activity", activityId));
        var resumes = new Dictionary<Guid, List<DateTimeOffset>>();
        foreach (var (instance, at) in rows)
        {
            var id = instance is Guid guid ? guid : Guid.Parse((string)instance);
            if (!resumes.TryGetValue(id, out var list)) resumes[id] = list = [];
            list.Add(Instant(at));
        }
        return resumes;
    }

    /// <summary>How many journal entries of that kind the definition's instances have.</summary>
    public async Task<int> CountAsync(string definitionId, string kind) => (await QueryAsync(
        "SELECT j.instance_id, j.at FROM journal j JOIN workflow_instances w ON w.id = j.instance_id WHERE w.definition_id = @definition AND j.kind = @kind",
        ("definition", definitionId), ("kind", kind))).Count;

    /// <summary>
    /// PostgreSQL only (Hangfire's tables are readable there): for each timer job created since <paramref name="since"/>,
    /// when it was due (its Scheduled state's EnqueueAt), created, enqueued, taken by a worker and done.
    /// </summary>
    public async Task<List<JobTimeline>> TimerJobsAsync(DateTimeOffset since)
    {
        if (!IsPostgres) return [];
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT j.id, j.createdat, s.name, s.createdat, s.data::text
            FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
            WHERE j.invocationdata::text LIKE '%FireTimerJob%' AND j.createdat >= @since
            ORDER BY j.id, s.id
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "since";
        parameter.Value = since.UtcDateTime;
        command.Parameters.Add(parameter);
        var jobs = new Dictionary<long, JobTimeline>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            if (!jobs.TryGetValue(id, out var job)) jobs[id] = job = new JobTimeline { Created = Instant(reader.GetValue(1)) };
            var at = Instant(reader.GetValue(3));
            switch (reader.GetString(2))
            {
                case "Scheduled":
                    job.Due ??= EnqueueAt(reader.IsDBNull(4) ? null : reader.GetString(4));
                    break;
                case "Enqueued":
                    job.Enqueued ??= at;
                    break;
                case "Processing":
                    job.Processing ??= at;
                    break;
                case "Succeeded":
                    job.Succeeded ??= at;
                    break;
            }
        }
        return [.. jobs.Values];
    }

    private static DateTimeOffset? EnqueueAt(string? data)
    {
        if (data is null || JsonNode.Parse(data)?["EnqueueAt"]?.GetValue<string>() is not { } text) return null;
        if (long.TryParse(text, CultureInfo.InvariantCulture, out var number))
            return number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public string Log(int lastLines = 60)
    {
        if (!File.Exists(LogFile)) return "";
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return $"--- {Store} server log (last {lastLines} lines)\n" + string.Join("\n", reader.ReadToEnd().Split('\n').TakeLast(lastLines));
    }

    private async Task<List<(object Instance, object At)>> QueryAsync(string sql, params (string Name, string Value)[] parameters)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(object, object)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetValue(0), reader.GetValue(1)));
        return rows;
    }

    /// <summary>PostgreSQL gives a UTC timestamp; SQLite the UTC DateTime as ISO-8601 text (see UtcDateTimeOffsetConverter).</summary>
    private static DateTimeOffset Instant(object at) => at switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset moment => moment,
        string text => new DateTimeOffset(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero),
        _ => throw new InvalidOperationException($"Unexpected journal time {at} ({at.GetType()})."),
    };

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The {Store} server exited during start-up.");
            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"The {Store} server did not become ready in 180 s.");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("CONSULTFLOW_KEEP_TEST_LOGS") is null)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        else Console.WriteLine($"{Store} server files kept in {folder}");
    }
}

/// <summary>One timer job's way through Hangfire (PostgreSQL storage).</summary>
public sealed class JobTimeline
{
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset? Due { get; set; }
    public DateTimeOffset? Enqueued { get; set; }
    public DateTimeOffset? Processing { get; set; }
    public DateTimeOffset? Succeeded { get; set; }
}
