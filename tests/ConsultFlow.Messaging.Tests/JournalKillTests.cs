using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Evidence;
using ConsultFlow.Messaging.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace ConsultFlow.Messaging.Tests;

/// <summary>
/// "kill -9 between engine commit and response leaves commit and record together (20 kills, 0 orphans)": clients start
/// messaging-manual cases and complete their tasks over HTTP while the node under them is killed with SIGKILL at a
/// random moment, twenty times, a new node on the same database after each. Whatever a kill cut off, the database
/// holds every step together with its chained journal entry, or neither: no entry without its hash, no case whose head
/// is not its last entry, no completed task without its TaskCompleted entry (nor the reverse), no gap in a journal, and
/// every chain recomputed from its rows links from the genesis hash to the head the case row keeps.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class JournalKillTests(PostgresServer postgres, RabbitBroker rabbit, ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Clients = 4;
    /// <summary>Nodes starting while one is under load.</summary>
    private const int Standby = 2;
    private const string Definition = "messaging-manual";

    [Fact]
    public async Task Kill_9_between_engine_commit_and_response_leaves_commit_and_record_together()
    {
        var clock = Stopwatch.StartNew();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");

        await using var deployment = await Deployment.CreateAsync(postgres, rabbit);
        // Twenty-one node starts dominate this test. A node's tiered JIT recompiles its hot methods in the background
        // for several seconds after start-up (about a third of its CPU); these nodes live for a second of load, so
        // they keep their first-tier code instead, which nothing of what is checked here depends on.
        deployment.ServerSettings["DOTNET_TC_CallCounting"] = "0";
        var first = await deployment.StartNodeAsync("node-00");
        output.WriteLine($"first node ready after {clock.Elapsed.TotalSeconds:F1} s");
        // One sign-in for the whole run: the key ring is shared and the session is checked against the database, so
        // the same cookie is good at every node that follows.
        using var admin = await deployment.SignInAsync(first);
        await Deployment.PublishAsync(admin, Definition);

        // A node takes seconds of CPU to start, so the next ones start (and warm up) while the current one is under
        // load, two at a time as there are two cores. None is left starting when the last one is killed.
        var standby = new Queue<Task<ServerNode>>();
        standby.Enqueue(WarmAsync(admin, first));
        var named = 1;
        while (standby.Count <= Standby && named < Kills) standby.Enqueue(StartAndWarmAsync(deployment, admin, $"node-{named++:D2}"));

        await using var watching = new NpgsqlConnection(deployment.ConnectionString);
        await watching.OpenAsync();
        // The last journal entry of this round's cases (not of the standby nodes' warm-up).
        await using var watch = new NpgsqlCommand("""
            SELECT coalesce(max(j.id), 0) FROM journal j JOIN workflow_instances i ON i.id = j.instance_id
            WHERE i.correlation_key LIKE @round
            """, watching);
        var roundKeys = new NpgsqlParameter<string>("round", "");
        watch.Parameters.Add(roundKeys);
        await watch.PrepareAsync();

        var log = new Load();
        for (var kill = 1; kill <= Kills; kill++)
        {
            var node = await standby.Dequeue();
            if (named < Kills) standby.Enqueue(StartAndWarmAsync(deployment, admin, $"node-{named++:D2}"));
            var round = new Round();
            var clients = Enumerable.Range(0, Clients)
                .Select(c => Task.Run(() => ClientAsync(admin, node.BaseAddress, $"K{kill:D2}-C{c}", round, log)))
                .ToList();
            var aimed = kill % 2 == 0;
            if (aimed)
            {
                roundKeys.TypedValue = $"K{kill:D2}-%";
                // Just after a step's commit, while its response is still on the way: the moment the issue is about.
                await Task.Delay(random.Next(100, 600));
                var seen = await LastJournalIdAsync(watch);
                var patience = Stopwatch.StartNew();
                while (await LastJournalIdAsync(watch) == seen && patience.Elapsed < TimeSpan.FromSeconds(5)) { }
            }
            else
            {
                // Anywhere in the clients' stream of requests: mid-start, mid-read, mid-completion, before or after commit.
                await Task.Delay(random.Next(100, 1000));
            }
            var cpu = CpuSeconds(node.Process.ProcessId);
            round.Kill();
            SigKill(node.Process.ProcessId);
            node.Process.Kill(); // waits for it to be gone
            await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(30));
            node.Process.HasExited.Should().BeTrue();

            // Which of the commands the kill cut off had committed anyway: the kill fell between commit and response.
            var startsCommitted = await CountAsync(deployment,
                "SELECT count(*) FROM workflow_instances WHERE correlation_key = ANY(@keys)", round.StartsCutOff.ToArray());
            var completionsCommitted = await CountAsync(deployment,
                "SELECT count(*) FROM human_tasks WHERE status = 'Completed' AND id = ANY(@ids)", round.CompletionsCutOff.ToArray());
            log.Add(round, startsCommitted + completionsCommitted);
            output.WriteLine($"kill {kill,2} ({node.Name}, {(aimed ? "aimed after a commit" : "at random")}) after {round.Answered,3} answered requests: " +
                $"{round.StartsCutOff.Count + round.CompletionsCutOff.Count} commands cut off ({startsCommitted + completionsCommitted} of them committed), " +
                $"{round.ReadsCutOff} reads; node used {cpu:F1} s of CPU ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        deployment.Nodes.Should().OnlyContain(n => n.Process.HasExited, "every node started so far has been killed");

        log.Errors.Should().BeEmpty("no request fails except by the kill; logs:\n{0}", deployment.Logs());

        // As the last kill left it, with no node running, so that nothing done at start-up can tidy up first.
        await AssertNoOrphansAsync(deployment, "after the last kill, no node running");

        // Every acknowledged command is in the database.
        (await CountAsync(deployment, "SELECT count(*) FROM workflow_instances WHERE correlation_key = ANY(@keys)", log.StartsAcknowledged.ToArray()))
            .Should().Be(log.StartsAcknowledged.Count);
        (await CountAsync(deployment, "SELECT count(*) FROM human_tasks WHERE status = 'Completed' AND id = ANY(@ids)", log.CompletionsAcknowledged.ToArray()))
            .Should().Be(log.CompletionsAcknowledged.Count);

        // A fresh node carries on the chains the killed ones left: it completes every task still open.
        var fresh = await deployment.StartNodeAsync("node-fresh");
        using var atFresh = At(admin, fresh.BaseAddress);
        var open = (await deployment.GroupCountAsync(
            $"SELECT t.id::text, 1::bigint FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE i.definition_id = '{Definition}' AND t.status = 'Open'"))
            .Select(r => r.Key).ToList();
        foreach (var task in open)
            await atFresh.PostOkAsync($"/api/tasks/{task}/complete", new JsonObject { ["outcome"] = "approved" });
        (await deployment.ScalarAsync<long>($"SELECT count(*) FROM workflow_instances WHERE definition_id = '{Definition}' AND status <> 'Completed'"))
            .Should().Be(0, "every case completes once its task is done; logs:\n{0}", deployment.Logs());
        await AssertNoOrphansAsync(deployment, "with a fresh node up, leftovers completed");

        var cases = await deployment.ScalarAsync<long>($"SELECT count(*) FROM workflow_instances WHERE definition_id = '{Definition}'");
        var entries = await deployment.ScalarAsync<long>("SELECT count(*) FROM journal");
        output.WriteLine($"{Kills} kills in {clock.Elapsed.TotalSeconds:F1} s: {cases} cases, {entries} journal entries; " +
            $"{log.StartsAcknowledged.Count} starts and {log.CompletionsAcknowledged.Count} completions acknowledged; " +
            $"cut off by a kill: {log.StartsCutOff} starts and {log.CompletionsCutOff} completions ({log.CommittedCutOff} of them committed before the kill), " +
            $"{log.ReadsCutOff} reads; " +
            $"{log.KillsDuringCommands} of {Kills} kills landed during a command; {open.Count} open tasks completed by the fresh node; 0 orphans");
        // Not vacuous: most kills cut a command off mid-request, and some fell after the engine's commit.
        log.KillsDuringCommands.Should().BeGreaterThanOrEqualTo(Kills / 2, "most kills land while a start or completion is in flight");
        (log.StartsCutOff + log.CompletionsCutOff).Should().BeGreaterThanOrEqualTo(Kills);
        log.CommittedCutOff.Should().BeGreaterThan(0, "some kills fall between the engine's commit and the response");
        cases.Should().BeGreaterThan(2 * Kills);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>kill -9, at once (<see cref="NodeProcess.Kill"/> looks for child processes first, which takes a while under load).</summary>
    private static void SigKill(int pid)
    {
        if (Kill(pid, 9) != 0) throw new InvalidOperationException($"kill -9 {pid} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>User and system time of a process so far, from /proc (clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    private static async Task<ServerNode> StartAndWarmAsync(Deployment deployment, UserSession admin, string name) =>
        await WarmAsync(admin, await deployment.StartNodeAsync(name));

    /// <summary>One case started and completed at <paramref name="node"/>, so that the kill does not always find it in its first, cold requests.</summary>
    private static async Task<ServerNode> WarmAsync(UserSession admin, ServerNode node)
    {
        using var user = At(admin, node.BaseAddress);
        var started = await user.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = Definition, ["correlationKey"] = "WARM-" + node.Name });
        var tasks = (await user.GetJsonAsync($"/api/tasks?instanceId={started["instanceId"]}&status=open")).AsArray();
        await user.PostOkAsync($"/api/tasks/{tasks.Single()!["id"]}/complete", new JsonObject { ["outcome"] = "approved" });
        return node;
    }

    /// <summary>One client: start a case, find its task, complete it, again, until the node dies under it.</summary>
    private static async Task ClientAsync(UserSession admin, Uri node, string prefix, Round round, Load log)
    {
        using var user = At(admin, node);
        for (var n = 0; ; n++)
        {
            var key = $"{prefix}-{n:D4}";
            var started = await TryAsync(round, log, $"start {key}", command: true,
                () => user.PostOkAsync("/api/instances", new JsonObject { ["definitionId"] = Definition, ["correlationKey"] = key }));
            if (started.Cut) lock (round) round.StartsCutOff.Add(key);
            if (started.Answer is null) return;
            lock (log) log.StartsAcknowledged.Add(key);
            var instanceId = started.Answer["instanceId"]!.GetValue<string>();

            var tasks = await TryAsync(round, log, $"tasks of {key}", command: false,
                () => user.GetJsonAsync($"/api/tasks?instanceId={instanceId}&status=open"));
            if (tasks.Answer is null) return;
            var taskId = Guid.Parse(tasks.Answer.AsArray().Single()!["id"]!.GetValue<string>());

            var completed = await TryAsync(round, log, $"completion of {key}", command: true,
                () => user.PostOkAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = "approved" }));
            if (completed.Cut) lock (round) round.CompletionsCutOff.Add(taskId);
            if (completed.Answer is null) return;
            lock (log) log.CompletionsAcknowledged.Add(taskId);
        }
    }

    /// <summary>
    /// One request, unless the node is being killed. A connection that fails once the kill has begun is the kill: the
    /// request, sent before, was cut off (<c>Cut</c> for a command). Any other failure, or any failure while the node
    /// lives, is an error.
    /// </summary>
    private static async Task<(JsonNode? Answer, bool Cut)> TryAsync(Round round, Load log, string what, bool command, Func<Task<JsonNode>> request)
    {
        if (round.Killed) return (null, false);
        try
        {
            var answer = await request();
            Interlocked.Increment(ref round.Answered);
            return (answer, false);
        }
        catch (Exception ex) when ((ex is HttpRequestException or IOException or TaskCanceledException) && round.Killed)
        {
            if (!command) Interlocked.Increment(ref round.ReadsCutOff);
            return (null, command);
        }
        catch (Exception ex)
        {
            lock (log) log.Errors.Add($"{what}: {ex.GetType().Name}: {ex.Message}");
            return (null, false);
        }
    }

    private static UserSession At(UserSession signedIn, Uri node) =>
        new(UserSession.NewClient(node, signedIn.Cookies), signedIn.Cookies, signedIn.Id, signedIn.UserName, signedIn.Agency);

    private async Task AssertNoOrphansAsync(Deployment deployment, string when)
    {
        (await deployment.ScalarAsync<long>("SELECT count(*) FROM journal WHERE hash IS NULL OR previous_hash IS NULL OR algorithm IS NULL"))
            .Should().Be(0, "every journal entry is chained ({0})", when);
        (await deployment.GroupCountAsync("""
            SELECT i.id::text, i.chain_length FROM workflow_instances i
            WHERE i.chain_length = 0
               OR i.chain_length <> (SELECT max(j.sequence) FROM journal j WHERE j.instance_id = i.id)
               OR i.chain_head IS DISTINCT FROM (SELECT j.hash FROM journal j WHERE j.instance_id = i.id AND j.sequence = i.chain_length)
            """)).Should().BeEmpty("every case's head is its last journal entry ({0})", when);
        (await deployment.GroupCountAsync("""
            SELECT t.id::text, 1::bigint FROM human_tasks t
            WHERE t.status = 'Completed' AND NOT EXISTS (
                SELECT 1 FROM journal j WHERE j.instance_id = t.instance_id AND j.kind = 'TaskCompleted'
                  AND (j.data_json::jsonb ->> 'taskId') = t.id::text)
            """)).Should().BeEmpty("every completed task has its TaskCompleted entry ({0})", when);
        (await deployment.GroupCountAsync("""
            SELECT j.instance_id::text || ' #' || j.sequence, 1::bigint FROM journal j
            WHERE j.kind = 'TaskCompleted' AND NOT EXISTS (
                SELECT 1 FROM human_tasks t WHERE t.id::text = (j.data_json::jsonb ->> 'taskId') AND t.status = 'Completed')
            """)).Should().BeEmpty("every TaskCompleted entry's task is completed ({0})", when);
        (await deployment.GroupCountAsync("""
            SELECT i.id::text, i.chain_length FROM workflow_instances i
            WHERE (SELECT count(DISTINCT j.sequence) FROM journal j WHERE j.instance_id = i.id AND j.sequence BETWEEN 1 AND i.chain_length) <> i.chain_length
               OR EXISTS (SELECT 1 FROM journal j WHERE j.instance_id = i.id AND (j.sequence < 1 OR j.sequence > i.chain_length))
            """)).Should().BeEmpty("no journal has a gap ({0})", when);
        var (cases, rows) = await VerifyChainsAsync(deployment);
        output.WriteLine($"{when}: {cases} cases, {rows} journal entries, every chain recomputed and linked");
    }

    /// <summary>Recomputes every case's chain from its rows: each hash, each link, and the head the case row keeps.</summary>
    private static async Task<(int Cases, int Rows)> VerifyChainsAsync(Deployment deployment)
    {
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        var heads = new Dictionary<Guid, (long Length, string? Head)>();
        await using (var command = new NpgsqlCommand("SELECT id, chain_length, chain_head FROM workflow_instances", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                heads[reader.GetGuid(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        var rows = 0;
        var walked = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("""
            SELECT instance_id, sequence, at, kind, activity_id, activity_type, execution_id, actor_user, actor_agency, actor_role,
                   message, data_json, algorithm, previous_hash, hash
            FROM journal ORDER BY instance_id, sequence
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Guid? current = null;
            var previous = HashAlgorithms.GenesisHash;
            long expected = 1;
            while (await reader.ReadAsync())
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                var row = new CaseChainRow
                {
                    InstanceId = reader.GetGuid(0),
                    Sequence = reader.GetInt64(1),
                    At = reader.GetFieldValue<DateTimeOffset>(2),
                    Kind = reader.GetString(3),
                    ActivityId = Text(4),
                    ActivityType = Text(5),
                    ExecutionId = reader.IsDBNull(6) ? null : reader.GetGuid(6),
                    ActorUser = Text(7),
                    ActorAgency = Text(8),
                    ActorRole = Text(9),
                    Message = Text(10),
                    DataJson = Text(11),
                    Algorithm = Text(12) ?? "",
                    PreviousHash = Text(13) ?? "",
                    Hash = Text(14) ?? "",
                };
                if (row.InstanceId != current)
                {
                    if (current is { } done) CheckHead(done, expected - 1, previous);
                    current = row.InstanceId;
                    walked.Add(row.InstanceId);
                    previous = HashAlgorithms.GenesisHash;
                    expected = 1;
                }
                row.Sequence.Should().Be(expected, "case {0}'s journal runs 1, 2, 3, ... without gaps", row.InstanceId);
                row.PreviousHash.Should().Be(previous, "entry {0} of case {1} links to the entry before it", row.Sequence, row.InstanceId);
                CaseChainForm.Hash(row).Should().Be(row.Hash, "entry {0} of case {1} hashes to its stored hash", row.Sequence, row.InstanceId);
                previous = row.Hash;
                expected++;
                rows++;
            }
            if (current is { } last) CheckHead(last, expected - 1, previous);
        }
        walked.Should().BeEquivalentTo(heads.Keys, "every case has a journal and every journal a case");
        return (walked.Count, rows);

        void CheckHead(Guid instanceId, long length, string head)
        {
            heads.Should().ContainKey(instanceId);
            heads[instanceId].Should().Be((length, head), "case {0}'s row keeps the head its chain ends at", instanceId);
        }
    }

    private static async Task<long> LastJournalIdAsync(NpgsqlCommand watch) => (long)(await watch.ExecuteScalarAsync())!;

    private static async Task<long> CountAsync<T>(Deployment deployment, string sql, T[] values)
    {
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(sql.Contains("@keys") ? "keys" : "ids", values);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One node's life: when it was killed, and what its clients saw.</summary>
    private sealed class Round
    {
        private int killed;
        public int Answered;
        public int ReadsCutOff;
        public List<string> StartsCutOff { get; } = [];
        public List<Guid> CompletionsCutOff { get; } = [];

        /// <summary>Set just before the SIGKILL: no request is sent from then on, so any that fails was in flight.</summary>
        public bool Killed => Volatile.Read(ref killed) == 1;
        public void Kill() => Volatile.Write(ref killed, 1);
    }

    /// <summary>What all clients saw over the whole run.</summary>
    private sealed class Load
    {
        public List<string> StartsAcknowledged { get; } = [];
        public List<Guid> CompletionsAcknowledged { get; } = [];
        public int StartsCutOff;
        public int CompletionsCutOff;
        public int CommittedCutOff;
        public int ReadsCutOff;
        public int KillsDuringCommands;
        public List<string> Errors { get; } = [];

        public void Add(Round round, long committed)
        {
            StartsCutOff += round.StartsCutOff.Count;
            CompletionsCutOff += round.CompletionsCutOff.Count;
            CommittedCutOff += (int)committed;
            ReadsCutOff += round.ReadsCutOff;
            KillsDuringCommands += round.StartsCutOff.Count + round.CompletionsCutOff.Count > 0 ? 1 : 0;
        }
    }
}
