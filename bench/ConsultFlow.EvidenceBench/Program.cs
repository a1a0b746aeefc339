using System.Diagnostics;
using System.Text.Json.Nodes;
using ConsultFlow.Messaging.Tests.Infrastructure;

// Commands on cases per second with two server nodes on one PostgreSQL, before and after each case's journal became a
// hash chain of its own written in the step's transaction. Before (ConsultFlow:Audit:RecordCaseCommands=true): every
// case command is also appended to the one command audit chain, under a PostgreSQL advisory lock that every command of
// every node waits for. After (the default): the case's journal only, no lock shared between cases. Each case is two
// commands, start (POST /api/instances) and complete (POST /api/tasks/{id}/complete), with the read of its open task
// between them, sent by 8 clients per node; each figure is measured on a fresh database of the same server, in the same
// run, after a warm-up. With [rounds] > 1 the measurements alternate (before, after, after, before, ...) and the ratio
// is that of the means. Each line also says how many commands waited on the chain's advisory lock on average
// (pg_stat_activity, sampled every 20 ms): the global serialisation itself.
// Usage: dotnet run -c Release --project bench/ConsultFlow.EvidenceBench [cases] [rounds]
// Uses CONSULTFLOW_TEST_POSTGRES / CONSULTFLOW_TEST_RABBITMQ(_DIR, _PORT) when set, otherwise starts its own servers.
const int Nodes = 2;
const int ClientsPerNode = 8;
const string Definition = "messaging-manual";
var cases = args.Length > 0 ? int.Parse(args[0]) : 300;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 1;
var warmUp = Nodes * ClientsPerNode * 2;

var postgres = new PostgresServer();
var rabbit = new RabbitBroker();
await postgres.InitializeAsync();
await rabbit.InitializeAsync();
var results = new List<(bool RecordCaseCommands, double PerSecond, long AuditRows, TimeSpan Elapsed, double LockWaiters)>();
try
{
    for (var round = 0; round < rounds; round++)
    {
        foreach (var recordCaseCommands in round % 2 == 0 ? new[] { true, false } : [false, true])
        {
            var result = await MeasureAsync(recordCaseCommands);
            results.Add(result);
            Console.WriteLine($"round {round + 1}: {Name(recordCaseCommands),-7} {result.PerSecond,8:F1} commands/s " +
                $"({2 * cases} commands in {result.Elapsed.TotalSeconds:F2} s; {result.AuditRows} rows in the command audit chain; " +
                $"{result.LockWaiters:F1} commands waiting on its advisory lock on average)");
        }
    }
}
finally
{
    await rabbit.DisposeAsync();
    await postgres.DisposeAsync();
}

Console.WriteLine($"\n{cases} cases each (start + complete: {2 * cases} commands), {Nodes} nodes x {ClientsPerNode} clients, " +
    $"one PostgreSQL, {Environment.ProcessorCount} cores, {rounds} round(s)");
var before = results.Where(r => r.RecordCaseCommands).Average(r => r.PerSecond);
var after = results.Where(r => !r.RecordCaseCommands).Average(r => r.PerSecond);
Console.WriteLine($"{"before: case commands also in the global audit chain (advisory lock)",-72} {before,8:F1} commands/s");
Console.WriteLine($"{"after: case commands in their case's chained journal only",-72} {after,8:F1} commands/s");
Console.WriteLine($"{"after/before",-72} x{after / before:F2}");

static string Name(bool recordCaseCommands) => recordCaseCommands ? "before" : "after";

async Task<(bool RecordCaseCommands, double PerSecond, long AuditRows, TimeSpan Elapsed, double LockWaiters)> MeasureAsync(bool recordCaseCommands)
{
    await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
    deployment.ServerSettings["ConsultFlow__Audit__RecordCaseCommands"] = recordCaseCommands ? "true" : "false";
    for (var i = 1; i <= Nodes; i++) await deployment.StartNodeAsync($"node-{i}");
    var sessions = new List<UserSession>();
    foreach (var node in deployment.Nodes) sessions.Add(await deployment.SignInAsync(node));
    await Deployment.PublishAsync(sessions[0], Definition);
    var done = $"SELECT count(*) FROM workflow_instances WHERE definition_id = '{Definition}' AND status = 'Completed'";

    // Warm-up at full concurrency: JIT, connection pools.
    await RunAsync(sessions, "WARM", warmUp);
    var auditBefore = await deployment.ScalarAsync<long>("SELECT count(*) FROM audit_records");

    using var sampling = new CancellationTokenSource();
    var sampler = SampleLockWaitsAsync(deployment.ConnectionString, sampling.Token);
    var clock = Stopwatch.StartNew();
    await RunAsync(sessions, "BENCH", cases);
    clock.Stop();
    sampling.Cancel();
    var (samples, waiting) = await sampler;

    var completed = await deployment.ScalarAsync<long>(done);
    if (completed != warmUp + cases) throw new InvalidOperationException($"{completed - warmUp} of {cases} cases completed.\n{deployment.Logs()}");
    var auditRows = await deployment.ScalarAsync<long>("SELECT count(*) FROM audit_records") - auditBefore;
    // The setting did what it says: each command in the chain, or none.
    if (auditRows != (recordCaseCommands ? 2 * cases : 0))
        throw new InvalidOperationException($"{auditRows} command audit rows for {2 * cases} case commands with RecordCaseCommands={recordCaseCommands}.");
    foreach (var session in sessions) session.Dispose();
    return (recordCaseCommands, 2 * cases / clock.Elapsed.TotalSeconds, auditRows, clock.Elapsed, (double)waiting / Math.Max(1, samples));
}

// Every 20 ms: how many of the database's sessions wait on an advisory lock (the command audit chain's).
static async Task<(long Samples, long Waiting)> SampleLockWaitsAsync(string connectionString, CancellationToken stop)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'", connection);
    long samples = 0, waiting = 0;
    while (!stop.IsCancellationRequested)
    {
        waiting += (long)(await command.ExecuteScalarAsync())!;
        samples++;
        try { await Task.Delay(20, stop); } catch (OperationCanceledException) { }
    }
    return (samples, waiting);
}

// ClientsPerNode clients at each node, each taking the next case until there are none left.
static async Task RunAsync(List<UserSession> sessions, string prefix, int count)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, sessions.Count * ClientsPerNode).Select(client => Task.Run(async () =>
    {
        var user = sessions[client % sessions.Count];
        for (int i; (i = Interlocked.Increment(ref next)) < count;)
            await RunCaseAsync(user, $"{prefix}-{i:D5}");
    })));
}

static async Task RunCaseAsync(UserSession user, string key)
{
    var started = await user.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = Definition, ["correlationKey"] = key });
    var tasks = (await user.GetJsonAsync($"/api/tasks?instanceId={started["instanceId"]}&status=open")).AsArray();
    await user.PostOkAsync($"/api/tasks/{tasks.Single()!["id"]}/complete", new JsonObject { ["outcome"] = "approved" });
}
