using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide (a static) and Hangfire.NetCore binds it to the first host's logger
/// factory, which is disposed when that host stops; the next host (a restart in one process, as in the tests) would
/// then fail creating its storage. This provider follows the host that started last and drops a line whose factory is
/// gone instead of throwing.
/// </summary>
public sealed class HangfireLogBridge : Hangfire.Logging.ILogProvider
{
    private static ILoggerFactory? current;

    public static HangfireLogBridge Instance { get; } = new();

    public static void Use(ILoggerFactory factory) => Volatile.Write(ref current, factory);

    public Hangfire.Logging.ILog GetLogger(string name) => new ForwardingLog(name);

    private sealed class ForwardingLog(string name) : Hangfire.Logging.ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Volatile.Read(ref current) is not { } factory) return false;
            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA2254 // Hangfire hands over a formatted message, not a template.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => LogLevel.Trace,
            HangfireLogLevel.Debug => LogLevel.Debug,
            HangfireLogLevel.Info => LogLevel.Information,
            HangfireLogLevel.Warn => LogLevel.Warning,
            HangfireLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
