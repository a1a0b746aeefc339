using System.Diagnostics;
using System.Text.Json.Nodes;
using ConsultFlow.Activities;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Persistence.InMemory;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Validation;
using Microsoft.Extensions.DependencyInjection;

// Engine throughput: start -> human task -> decision -> end, each instance started and its task completed.
// Usage: dotnet run -c Release --project bench/ConsultFlow.Bench [instances]
// Figures are reported against the in-memory store measured in the same run (this machine is noisy).
var count = args.Length > 0 ? int.Parse(args[0]) : 2000;
const string Flow = """
    {
      "id": "bench", "name": "基准",
      "inputs": [{ "name": "amount", "type": "number" }],
      "flowchart": {
        "activities": [
          { "id": "start", "type": "Start" },
          { "id": "review", "type": "HumanTask", "inputs": { "title": "审核", "assigneeAgency": "sfj", "assigneeRole": "coordinator",
              "outcomes": [{ "name": "accept" }], "due": { "amount": 3, "unit": "workingDays" } } },
          { "id": "big", "type": "Decision", "inputs": { "condition": { "$expr": { ">": [{ "var": "input.amount" }, 100] } } } },
          { "id": "yes", "type": "End", "inputs": { "output": "big" } },
          { "id": "no", "type": "End", "inputs": { "output": "small" } }
        ],
        "connections": [
          { "source": "start", "outcome": "Done", "target": "review" },
          { "source": "review", "outcome": "accept", "target": "big" },
          { "source": "big", "outcome": "True", "target": "yes" },
          { "source": "big", "outcome": "False", "target": "no" }
        ]
      }
    }
    """;

var results = new List<(string Name, double PerSecond, double BytesPerInstance)>();
results.Add(await MeasureAsync("in-memory", new InMemoryInstanceStore(), new InMemoryDefinitionStore()));

var folder = Directory.CreateTempSubdirectory("consultflow-bench-").FullName;
try
{
    var sqlite = new ServiceCollection()
        .AddConsultFlowPersistence(new PersistenceOptions(PersistenceProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")};Default Timeout=30"))
        .BuildServiceProvider();
    await sqlite.MigrateConsultFlowDatabaseAsync();
    results.Add(await MeasureAsync("sqlite", sqlite.GetRequiredService<IInstanceStore>(), sqlite.GetRequiredService<IDefinitionStore>()));
    if (Environment.GetEnvironmentVariable("CONSULTFLOW_BENCH_POSTGRES") is { Length: > 0 } pg)
    {
        var postgres = new ServiceCollection().AddConsultFlowPersistence(new PersistenceOptions(PersistenceProvider.Postgres, pg)).BuildServiceProvider();
        await postgres.MigrateConsultFlowDatabaseAsync();
        results.Add(await MeasureAsync("postgres", postgres.GetRequiredService<IInstanceStore>(), postgres.GetRequiredService<IDefinitionStore>()));
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

var baseline = results[0];
Console.WriteLine($"{"store",-10} {"instances/s",12} {"vs in-memory",13} {"KiB/instance",13} {"vs in-memory",13}");
foreach (var (name, perSecond, bytes) in results)
    Console.WriteLine($"{name,-10} {perSecond,12:F0} {perSecond / baseline.PerSecond,12:F3}x {bytes / 1024,13:F1} {bytes / baseline.BytesPerInstance,12:F2}x");

async Task<(string, double, double)> MeasureAsync(string name, IInstanceStore instances, IDefinitionStore definitionStore)
{
    var deadlines = new DeadlineCalculator(WorkingDayCalendar.LoadEmbedded());
    var registry = new ActivityRegistry(BuiltInActivities.Create());
    var definitions = new DefinitionService(definitionStore, new DefinitionValidator(registry), TimeProvider.System);
    var runtime = new WorkflowRuntime(instances, definitions, registry, TimeProvider.System, new JsonLogicEvaluator(),
        new EngineEnvironment(DeploymentProfile.Empty, deadlines));
    await definitions.EnsurePublishedAsync(WorkflowJson.ParseDefinition(Flow));
    var actor = new Actor("bench", "sfj", "coordinator");

    async Task RunOne(int i)
    {
        var started = await runtime.StartAsync(new StartWorkflow("bench", new JsonObject { ["amount"] = i % 200 }), actor);
        var done = await runtime.CompleteTaskAsync(started.OpenTaskIds[0], new TaskCompletion("accept"), actor);
        if (done.Status != WorkflowStatus.Completed) throw new InvalidOperationException($"Instance ended {done.Status}.");
    }

    for (var i = 0; i < Math.Min(200, count / 10); i++) await RunOne(i); // warm-up: JIT, pools, caches
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++) await RunOne(i);
    watch.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    return (name, count / watch.Elapsed.TotalSeconds, (double)allocated / count);
}
