using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ConsultFlow.TimerBench;

// Timer latency, due → fired, on the real clock (the issue's target: p99 ≤ 5 s). A ConsultFlow server process (Hangfire;
// SchedulingWorker plans each committed timer, the due pump enqueues it, a worker fires it) runs cases of "timer-bench"
// (Start → Timer "wait" at input.dueAt → End). Each case is started over HTTP with a due time 2–5 s after its start
// (staggered in 0.1 s steps); its latency is the journal's BookmarkResumed.at of "wait" (the fire step's time) minus
// that due time. Per store, on one server after a warm-up:
//   1. timers, due → fired: N such cases, nothing else going on;
//   2. baseline, an immediate resume over HTTP: N cases of "timer-bench-http" whose task is completed 2–5 s after its
//      start (staggered the same way); latency = BookmarkResumed.at of the task − the moment the completion was sent;
//   3. timers after the baseline's task burst: 1. again, right after 2. (whose task steps the scheduler is still
//      working through), as a server sees timers among other work.
// Timer figures are also given as ratios to the baseline (this machine may be shared), and on PostgreSQL split into
// Hangfire's stages (job created, enqueued, processing, succeeded; from its tables). Stores: SQLite (the embedded
// default, Hangfire in memory) and, when CONSULTFLOW_BENCH_POSTGRES or CONSULTFLOW_TEST_POSTGRES is set, PostgreSQL.
// Usage: dotnet run -c Release --project bench/ConsultFlow.TimerBench [cases] [Setting=Value ...] [--only=STORE] [--parallel=N]
//   cases: timers (and baseline resumes) per phase, default 200.
//   Setting=Value: a server setting for this run, e.g. PumpMilliseconds=200 or WorkerCount=8 (a bare key is under
//   ConsultFlow:Scheduling; "Section:Key=Value" is under ConsultFlow). Without any: the product's defaults.
//   --only=SQLite or --only=PostgreSQL: one store.  --parallel=N: concurrent starts (default 8).
// Exit code 1 when p99 of phase 1 exceeds 5 s on a store or a timer fired twice.
// CONSULTFLOW_KEEP_TEST_LOGS=1 keeps each server's folder (SQLite database, log).
const string TimerDefinitionId = "timer-bench";
const string HttpDefinitionId = "timer-bench-http";
const double TargetP99Seconds = 5;
const string TimerDefinition = """
    {
      "id": "timer-bench", "name": "定时器延迟基准",
      "description": "Waits until input.dueAt, then ends: the timer bench's measured case.",
      "inputs": [{ "name": "dueAt", "type": "dateTime", "required": true }],
      "flowchart": {
        "activities": [
          { "id": "start", "type": "Start" },
          { "id": "wait", "type": "Timer", "inputs": { "at": { "$expr": { "var": "input.dueAt" } } } },
          { "id": "end", "type": "End" }
        ],
        "connections": [
          { "source": "start", "outcome": "Done", "target": "wait" },
          { "source": "wait", "outcome": "Done", "target": "end" }
        ]
      }
    }
    """;
const string HttpDefinition = """
    {
      "id": "timer-bench-http", "name": "即时办理（定时器基准的对照）",
      "description": "A task the bench completes over HTTP: the timer bench's baseline (an immediate resume).",
      "flowchart": {
        "activities": [
          { "id": "start", "type": "Start" },
          { "id": "task", "type": "HumanTask", "inputs": { "title": "办理", "assigneeAgency": "sfj", "assigneeRole": "administrator", "outcomes": [{ "name": "done" }] } },
          { "id": "end", "type": "End" }
        ],
        "connections": [
          { "source": "start", "outcome": "Done", "target": "task" },
          { "source": "task", "outcome": "done", "target": "end" }
        ]
      }
    }
    """;

var cases = 200;
string? only = null;
var parallelism = 8;
var settings = new Dictionary<string, string>();
foreach (var arg in args)
{
    if (int.TryParse(arg, out var n) && n > 0) cases = n;
    else if (arg.StartsWith("--only=", StringComparison.Ordinal)) only = arg["--only=".Length..];
    else if (arg.StartsWith("--parallel=", StringComparison.Ordinal)) parallelism = int.Parse(arg["--parallel=".Length..], CultureInfo.InvariantCulture);
    else if (arg.Split('=', 2) is [var key, var value] && key.Length > 0)
        settings["ConsultFlow__" + (key.Contains(':') ? key : "Scheduling:" + key).Replace(":", "__")] = value;
    else throw new ArgumentException($"'{arg}' is neither a number of cases nor Setting=Value.");
}
if (Environment.GetEnvironmentVariable("CONSULTFLOW_BENCH_POSTGRES") is { Length: > 0 } benchPostgres)
    Environment.SetEnvironmentVariable(PostgresServer.EnvironmentVariable, benchPostgres);
// The machine may be shared: its load is printed with the figures.
var loadAtStart = LoadAverage();
var withPostgres = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.EnvironmentVariable));

var results = new List<StoreResult>();
if (only is null or "SQLite") results.Add(await MeasureStoreAsync("SQLite", null));
if (withPostgres && only is null or "PostgreSQL")
{
    var postgres = new PostgresServer();
    await postgres.InitializeAsync();
    try
    {
        results.Add(await MeasureStoreAsync("PostgreSQL", await postgres.CreateDatabaseAsync()));
    }
    finally
    {
        await postgres.DisposeAsync();
    }
}

Console.WriteLine();
Console.WriteLine($"Timer latency due → fired (journal BookmarkResumed.at − due), {cases} timers per store due 2–5 s after their start, "
    + $"{parallelism} concurrent starts, {Environment.ProcessorCount} cores, load average {loadAtStart} at the start, {LoadAverage()} at the end");
Console.WriteLine("Settings: " + (settings.Count == 0 ? "product defaults (Scheduling:PumpMilliseconds 500, QueuePollMilliseconds 500, WorkerCount 4)"
    : string.Join(", ", settings.Select(s => $"{s.Key.Replace("__", ":")}={s.Value}")) + "; the rest product defaults"));
if (!withPostgres) Console.WriteLine("PostgreSQL: skipped (set CONSULTFLOW_BENCH_POSTGRES or CONSULTFLOW_TEST_POSTGRES)");
Console.WriteLine();
Console.WriteLine($"{"store",-11} {"measure",-44} {"n",5} {"p50",9} {"p95",9} {"p99",9} {"max",9}");
foreach (var result in results)
{
    var baseline = result.Baseline;
    Row(result.Store, "baseline: task completed over HTTP", baseline);
    foreach (var (name, run) in new[] { ("timers, due → fired", result.Timers), ("timers after the baseline's task burst", result.AfterBurst) })
    {
        Row(result.Store, name, run.Latency);
        Console.WriteLine($"{result.Store,-11} {"  ratio to baseline",-44} {"",5} {X(run.Latency.P50, baseline.P50)} {X(run.Latency.P95, baseline.P95)} "
            + $"{X(run.Latency.P99, baseline.P99)} {X(run.Latency.Max, baseline.Max)}");
        foreach (var line in run.Breakdown) Console.WriteLine($"{result.Store,-11} {"  " + line.Name,-44} {line.Stats.Count,5} {S(line.Stats.P50)} "
            + $"{S(line.Stats.P95)} {S(line.Stats.P99)} {S(line.Stats.Max)}");
        Console.WriteLine($"{"",-11}   started after their due time: {run.StartedAfterDue}; fired more than once: {run.Doubled}");
    }
    Console.WriteLine($"{"",-11}   TimerFiredLate entries (late by > LateAfterSeconds): {result.LateJournaled}");
}
Console.WriteLine();
foreach (var result in results)
    Console.WriteLine($"p99 ≤ {TargetP99Seconds:F0} s on {result.Store}: {Verdict(result.Timers.Latency)}; after a burst of task assignments: {Verdict(result.AfterBurst.Latency)}");
return results.All(r => r.Timers.Latency.P99 <= TargetP99Seconds && r.Timers.Doubled + r.AfterBurst.Doubled == 0) ? 0 : 1;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string Verdict(Stats latency) => $"{(latency.P99 <= TargetP99Seconds ? "yes" : "NO")} (p99 {latency.P99:F3} s)";

static void Row(string store, string name, Stats stats) =>
    Console.WriteLine($"{store,-11} {name,-44} {stats.Count,5} {S(stats.P50)} {S(stats.P95)} {S(stats.P99)} {S(stats.Max)}");

async Task<StoreResult> MeasureStoreAsync(string store, string? postgres)
{
    Console.WriteLine($"{store}: starting the server ...");
    await using var server = await BenchServer.StartAsync(store, postgres, settings);
    try
    {
        using var admin = await server.SignInAsync();
        await BenchServer.PublishAsync(admin, TimerDefinition);
        await BenchServer.PublishAsync(admin, HttpDefinition);

        // Warm-up: JIT, pools, Hangfire's queues; not measured.
        await HttpResumesAsync(server, admin, 5);
        await TimersAsync(server, admin, 5);

        Console.WriteLine($"{store}: {cases} timers ...");
        var timers = await TimersAsync(server, admin, cases);
        Console.WriteLine($"{store}: {cases} tasks completed over HTTP (baseline) ...");
        var baseline = await HttpResumesAsync(server, admin, cases);
        // The baseline assigned and completed a task per case: as many notifiable and scheduling steps, right before.
        Console.WriteLine($"{store}: {cases} timers right after that ...");
        var afterBurst = await TimersAsync(server, admin, cases);
        var late = await server.CountAsync(TimerDefinitionId, "TimerFiredLate");
        return new(store, baseline, timers, afterBurst, late);
    }
    catch
    {
        Console.Error.WriteLine(server.Log());
        throw;
    }
}

// Case i is due (or resumed) 2.0–5.0 s after its start, in 0.1 s steps.
static TimeSpan Lead(int i) => TimeSpan.FromSeconds(2 + i % 31 / 10.0);

async Task<Stats> HttpResumesAsync(BenchServer server, UserSession admin, int count)
{
    var sent = new ConcurrentDictionary<Guid, DateTimeOffset>();
    var completions = new ConcurrentBag<Task>();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
    {
        var started = await admin.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = HttpDefinitionId });
        var id = Guid.Parse(started["instanceId"]!.GetValue<string>());
        var taskId = started["openTaskIds"]!.AsArray().Single()!.GetValue<string>();
        completions.Add(CompleteLaterAsync(id, taskId, Lead(i)));
    });
    await Task.WhenAll(completions);
    return (await LatenciesAsync(server, HttpDefinitionId, "task", sent)).Latency;

    async Task CompleteLaterAsync(Guid id, string taskId, TimeSpan lead)
    {
        await Task.Delay(lead);
        sent[id] = DateTimeOffset.UtcNow;
        await admin.PostOkAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "done" });
    }
}

async Task<TimerRun> TimersAsync(BenchServer server, UserSession admin, int count)
{
    var since = DateTimeOffset.UtcNow;
    var due = new ConcurrentDictionary<Guid, DateTimeOffset>();
    var startedAfterDue = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
    {
        var dueAt = DateTimeOffset.UtcNow + Lead(i);
        var started = await admin.PostOkAsync("/api/instances", new JsonObject
        {
            ["definitionId"] = TimerDefinitionId,
            ["input"] = new JsonObject { ["dueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture) },
        });
        if (DateTimeOffset.UtcNow >= dueAt) Interlocked.Increment(ref startedAfterDue);
        due[Guid.Parse(started["instanceId"]!.GetValue<string>())] = dueAt;
    });
    var (latency, doubled) = await LatenciesAsync(server, TimerDefinitionId, "wait", due);
    return new(latency, startedAfterDue, doubled, Breakdown(await server.TimerJobsAsync(since)));
}

// Waits until every instance's wait was resumed; the latency is the first resume's journal time minus the reference.
async Task<(Stats Latency, int Doubled)> LatenciesAsync(BenchServer server, string definitionId, string activityId, IReadOnlyDictionary<Guid, DateTimeOffset> reference)
{
    var until = DateTime.UtcNow + TimeSpan.FromSeconds(120 + reference.Count * 0.2);
    while (true)
    {
        var resumes = await server.ResumesAsync(definitionId, activityId);
        var missing = reference.Keys.Count(id => !resumes.ContainsKey(id));
        if (missing == 0)
        {
            // A moment more, so that a second fire (which must not happen) would show.
            await Task.Delay(1000);
            resumes = await server.ResumesAsync(definitionId, activityId);
            var latencies = reference.Select(r => (resumes[r.Key].Min() - r.Value).TotalSeconds).ToList();
            return (Stats.Of(latencies), reference.Keys.Count(id => resumes[id].Count > 1));
        }
        if (DateTime.UtcNow > until)
            throw new TimeoutException($"{missing} of {reference.Count} {activityId} waits of {definitionId} were never resumed on {server.Store}.");
        await Task.Delay(250);
    }
}

// Where a timer's time goes, from Hangfire's job states (PostgreSQL): planned after its due time, then the due pump, the
// queue poll and the run (the fire step, journaled at its start, then committed).
static List<(string Name, Stats Stats)> Breakdown(List<JobTimeline> jobs)
{
    var complete = jobs.Where(j => j is { Due: not null, Enqueued: not null, Processing: not null, Succeeded: not null }).ToList();
    if (complete.Count == 0) return [];
    return
    [
        ("job created − due (planning late, ≥ 0)", Stats.Of(complete.Select(j => Math.Max(0, (j.Created - j.Due!.Value).TotalSeconds)).ToList())),
        ("enqueued − max(due, created) (due pump)", Stats.Of(complete.Select(j => (j.Enqueued!.Value - Max(j.Due!.Value, j.Created)).TotalSeconds).ToList())),
        ("processing − enqueued (queue poll, workers)", Stats.Of(complete.Select(j => (j.Processing!.Value - j.Enqueued!.Value).TotalSeconds).ToList())),
        ("succeeded − processing (fire step)", Stats.Of(complete.Select(j => (j.Succeeded!.Value - j.Processing!.Value).TotalSeconds).ToList())),
    ];
}

static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

static string S(double seconds) => $"{seconds,7:F3} s";

static string X(double value, double baseline) => baseline > 0 ? $"{"x" + (value / baseline).ToString("F1", CultureInfo.InvariantCulture),9}" : $"{"-",9}";

internal sealed record StoreResult(string Store, Stats Baseline, TimerRun Timers, TimerRun AfterBurst, int LateJournaled);

internal sealed record TimerRun(Stats Latency, int StartedAfterDue, int Doubled, List<(string Name, Stats Stats)> Breakdown);

/// <summary>Latency percentiles in seconds (nearest rank).</summary>
internal sealed record Stats(int Count, double P50, double P95, double P99, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }
}
