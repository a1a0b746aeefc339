using System.Diagnostics;
using System.Text.Json.Nodes;
using ConsultFlow.Messaging.Tests;
using ConsultFlow.Messaging.Tests.Infrastructure;

// The referral → receipt round trip through RabbitMQ: cases of messaging-ping (SendMessage CaseReferred → the
// public-security system's ReceiptSigned → WaitForMessage → PublishEvent CaseFiled) per second, with one and with two
// server nodes on one PostgreSQL. Baseline, measured in the same run on the same database server: the same number of
// cases whose step a person completes over HTTP on one node (messaging-manual's task, no broker round trip).
// Usage: dotnet run -c Release --project bench/ConsultFlow.MessagingBench [cases]
// Uses CONSULTFLOW_TEST_POSTGRES / CONSULTFLOW_TEST_RABBITMQ(_DIR, _PORT) when set, otherwise starts its own servers.
var cases = args.Length > 0 ? int.Parse(args[0]) : 200;
var postgres = new PostgresServer();
var rabbit = new RabbitBroker();
await postgres.InitializeAsync();
await rabbit.InitializeAsync();
var results = new List<(string Name, double PerSecond)>();
try
{
    results.Add(("baseline: person completes the step over HTTP, 1 node", await MeasureAsync(nodes: 1, viaBroker: false)));
    results.Add(("round trip via RabbitMQ, 1 node", await MeasureAsync(nodes: 1, viaBroker: true)));
    results.Add(("round trip via RabbitMQ, 2 nodes", await MeasureAsync(nodes: 2, viaBroker: true)));
}
finally
{
    await rabbit.DisposeAsync();
    await postgres.DisposeAsync();
}

Console.WriteLine($"\n{cases} cases each, {Environment.ProcessorCount} cores");
var baseline = results[0].PerSecond;
foreach (var (name, perSecond) in results)
    Console.WriteLine($"{name,-58} {perSecond,8:F1} cases/s   x{perSecond / baseline:F2} of baseline");

async Task<double> MeasureAsync(int nodes, bool viaBroker)
{
    await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
    for (var i = 1; i <= nodes; i++) await deployment.StartNodeAsync($"node-{i}");
    if (viaBroker) await deployment.StartAgencySystemAsync();
    var sessions = new List<UserSession>();
    foreach (var node in deployment.Nodes) sessions.Add(await deployment.SignInAsync(node));
    var definition = viaBroker ? "messaging-ping" : "messaging-manual";
    await Deployment.PublishAsync(sessions[0], definition);
    var done = $"SELECT count(*) FROM workflow_instances WHERE definition_id = '{definition}' AND status = 'Completed'";

    // Warm-up: JIT, connection pools, queues declared.
    for (var i = 0; i < 5; i++) await RunCaseAsync(sessions[i % nodes], definition, $"WARM-{i}", viaBroker);
    await deployment.WaitForCountAsync(done, 5, TimeSpan.FromSeconds(60));

    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 8 },
        async (i, _) => await RunCaseAsync(sessions[i % nodes], definition, $"BENCH-{i:D5}", viaBroker));
    var completed = await deployment.WaitForCountAsync(done, cases + 5, TimeSpan.FromMinutes(10));
    clock.Stop();
    if (completed < cases + 5) throw new InvalidOperationException($"Only {completed - 5} of {cases} cases completed.\n{deployment.Logs()}");
    foreach (var session in sessions) session.Dispose();
    return cases / clock.Elapsed.TotalSeconds;
}

static async Task RunCaseAsync(UserSession user, string definition, string key, bool viaBroker)
{
    if (viaBroker)
    {
        await PingCases.StartAsync(user, key);
        return;
    }
    var started = await user.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = definition, ["correlationKey"] = key });
    var id = Guid.Parse(started["instanceId"]!.GetValue<string>());
    var tasks = (await user.GetJsonAsync($"/api/tasks?instanceId={id}&status=open")).AsArray();
    await user.PostOkAsync($"/api/tasks/{tasks[0]!["id"]}/complete", new JsonObject { ["outcome"] = "approved" });
}
