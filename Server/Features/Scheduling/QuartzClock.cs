using Quartz;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Quartz.NET 3.20 has no TimeProvider option: it reads the time only through the static delegates
/// <see cref="SystemTime.UtcNow"/> and <see cref="SystemTime.Now"/>. They are pointed at the host's TimeProvider, so
/// a test clock moves Quartz's triggers too. Being static, it is one clock per process: the scheduler started last
/// owns it, and gives it back to the system clock when it stops.
/// </summary>
public static class QuartzClock
{
    private static readonly Lock Gate = new();
    private static TimeProvider? owner;

    public static void Use(TimeProvider clock)
    {
        lock (Gate)
        {
            owner = clock;
            SystemTime.UtcNow = () => clock.GetUtcNow();
            SystemTime.Now = () => clock.GetLocalNow();
        }
    }

    public static void Release(TimeProvider clock)
    {
        lock (Gate)
        {
            if (!ReferenceEquals(owner, clock)) return;
            owner = null;
            SystemTime.UtcNow = () => DateTimeOffset.UtcNow;
            SystemTime.Now = () => DateTimeOffset.Now;
        }
    }
}
