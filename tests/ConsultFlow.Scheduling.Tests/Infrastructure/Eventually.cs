namespace ConsultFlow.Scheduling.Tests.Infrastructure;

/// <summary>Waits (in real time) for something the scheduler does on its own thread.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, double seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds} s for {what}; last seen: {value}");
            await Task.Delay(100);
        }
    }
}
