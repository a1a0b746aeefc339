using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ConsultFlow.Server.Tests.EndToEnd;

namespace ConsultFlow.Server.Tests.Abuse;

/// <summary>
/// The real server on SQLite as it runs behind a TLS-terminating reverse proxy on this machine: 127.0.0.1 is its known
/// proxy, so the test plays the proxy and tells the server the client's scheme and address (X-Forwarded-Proto,
/// X-Forwarded-For). That is how one test machine can be many client addresses for the sign-in throttle. Its clock runs
/// with real time but can be moved forward (<see cref="Later"/>), to see a throttle expire without waiting.
/// </summary>
public sealed class ProxiedLoopbackServer : SqliteLoopbackServer
{
    public ShiftedTime Clock { get; } = new();

    /// <summary>Moves the server's clock forward by <paramref name="by"/>.</summary>
    public void Later(TimeSpan by) => Clock.Shift(by);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConsultFlow:ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Real time plus an offset that only grows.</summary>
    public sealed class ShiftedTime : TimeProvider
    {
        private long offsetTicks;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

        public void Shift(TimeSpan by)
        {
            if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
            Interlocked.Add(ref offsetTicks, by.Ticks);
        }
    }
}
