using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ConsultFlow.Server.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server for the tests of one xunit collection. With <c>CONSULTFLOW_TEST_POSTGRES</c> set (an Npgsql
/// connection string of a user that may create databases) that server is used; otherwise a throw-away cluster is
/// started from the installed PostgreSQL binaries and deleted afterwards. When neither is possible every test of the
/// collection fails: a missing database must never look like a passing run.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CONSULTFLOW_TEST_POSTGRES";

    private const string Unavailable =
        "PostgreSQL is needed for these tests: install postgresql or set " + EnvironmentVariable + "; ./test.sh does both.";

    private readonly List<string> _createdDatabases = [];
    private string? _adminConnectionString;
    private LocalCluster? _cluster;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            await using var connection = new NpgsqlConnection(external);
            try
            {
                await connection.OpenAsync();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{EnvironmentVariable} is set, but its server cannot be reached: {ex.Message}", ex);
            }
            _adminConnectionString = external;
            return;
        }

        var binDirectory = LocalCluster.FindBinDirectory()
            ?? throw new InvalidOperationException(Unavailable + " (no initdb under /usr/lib/postgresql/*/bin)");
        try
        {
            _cluster = await LocalCluster.StartAsync(binDirectory);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(Unavailable + " Starting a local cluster failed: " + ex.Message, ex);
        }
        _adminConnectionString = _cluster.ConnectionString;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var admin = _adminConnectionString ?? throw new InvalidOperationException(Unavailable);
        var name = "consultflow_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            // The whole cluster goes, databases and all.
            await _cluster.DisposeAsync();
            return;
        }
        if (_adminConnectionString is null)
        {
            return;
        }
        // On a server we do not own, leave nothing behind.
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _createdDatabases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A cluster in a temporary directory, owned by the <c>postgres</c> user when the tests run as root.</summary>
    private sealed class LocalCluster : IAsyncDisposable
    {
        private readonly string _binDirectory;
        private readonly string _root;
        private readonly bool _asPostgresUser;

        private LocalCluster(string binDirectory, string root, int port, bool asPostgresUser)
        {
            _binDirectory = binDirectory;
            _root = root;
            Port = port;
            _asPostgresUser = asPostgresUser;
        }

        public int Port { get; }

        private string DataDirectory => Path.Combine(_root, "data");

        public string ConnectionString => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;

        /// <summary>The newest installed version's bin directory, or null.</summary>
        public static string? FindBinDirectory()
        {
            const string root = "/usr/lib/postgresql";
            if (!Directory.Exists(root))
            {
                return null;
            }
            return Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();
        }

        public static async Task<LocalCluster> StartAsync(string binDirectory)
        {
            // PostgreSQL refuses to run as root, so root hands the directory to the postgres user and runs as it.
            var asPostgresUser = Environment.IsPrivilegedProcess;
            var root = Directory.CreateTempSubdirectory("consultflow-pg-").FullName;
            var cluster = new LocalCluster(binDirectory, root, FreePort(), asPostgresUser);
            try
            {
                if (asPostgresUser)
                {
                    await RunAsync("chown", ["postgres:postgres", root], asPostgresUser: false);
                }
                await cluster.RunToolAsync("initdb", ["-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
                var serverOptions = string.Join(' ',
                    $"-p {cluster.Port}",
                    "-c listen_addresses=127.0.0.1",
                    $"-c unix_socket_directories={root}",
                    "-c max_connections=300",
                    // A throw-away cluster need not survive a crash: skip the disk flushes.
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
                await cluster.RunToolAsync("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                {
                    await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
                }
            }
            finally
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private Task RunToolAsync(string tool, string[] arguments) =>
            RunAsync(Path.Combine(_binDirectory, tool), arguments, _asPostgresUser);

        private static async Task RunAsync(string program, string[] arguments, bool asPostgresUser)
        {
            var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (asPostgresUser)
            {
                foreach (var part in new[] { "-u", "postgres", "--", program })
                {
                    start.ArgumentList.Add(part);
                }
            }
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
