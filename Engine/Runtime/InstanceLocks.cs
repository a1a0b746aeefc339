namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// Serialises steps of one instance inside this process, so concurrent resumes queue up instead of colliding on the
/// revision check. Striped by id: a shared stripe only costs concurrency, never correctness, and needs no clean-up.
/// Across processes the store's revision check is what keeps steps apart.
/// </summary>
internal sealed class InstanceLocks
{
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(Guid instanceId, CancellationToken ct)
    {
        var stripe = stripes[(instanceId.GetHashCode() & int.MaxValue) % stripes.Length];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) stripe.Release();
        }
    }
}
