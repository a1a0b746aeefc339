using System.Collections.Concurrent;
using System.Net;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// Slows password guessing without handing strangers a way to lock people out. Failures are counted per (user name,
/// client address) and per client address, never per account alone: after <c>LockoutAttempts</c> failures for one name
/// from one address, that pair is refused for <c>LockoutMinutes</c>, doubling with every further round up to
/// <c>MaxLockoutMinutes</c>; after <c>AddressAttempts</c> failures from one address (any names), the whole address is
/// refused the same way. The owner signing in from their own address is not affected by a stranger's failures.
/// Unknown names are counted exactly like existing ones and the refusal never looks at the directory, so the answer
/// cannot tell whether a name exists. Kept in memory per node: a restart forgets, several nodes each count their own
/// share, which only loosens the limit by the number of nodes.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, ConsultFlowOptions.AuthSettings settings)
{
    // Bounds the memory an attacker can make us spend on invented names; stale entries are dropped first.
    private const int PruneAbove = 50_000;
    private const int MaxNameLength = 128;
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    /// <summary>How long the pair or the address is still refused; null when it may try.</summary>
    public TimeSpan? RefusedFor(string userName, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var wait = Max(Remaining(PairKey(userName, address), now), Remaining(AddressKey(address), now));
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failure; returns how long the pair or address is now refused (null when not yet).</summary>
    public TimeSpan? Failed(string userName, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (counters.Count > PruneAbove) Prune(now);
        var pair = Count(PairKey(userName, address), settings.LockoutAttempts, now);
        var whole = Count(AddressKey(address), settings.AddressAttempts, now);
        var wait = Max(pair, whole);
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>The right password from this address forgives the pair's failures (not the address's: a guesser may know one password).</summary>
    public void Succeeded(string userName, IPAddress? address) => counters.TryRemove(PairKey(userName, address), out _);

    private TimeSpan Count(string key, int limit, DateTimeOffset now)
    {
        var counter = counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            // A streak ends after a quiet lockout period; the rounds (which double the refusal) after the longest one.
            if (now - counter.LastFailure > TimeSpan.FromMinutes(settings.MaxLockoutMinutes)) counter.Rounds = 0;
            if (now - counter.LastFailure > TimeSpan.FromMinutes(settings.LockoutMinutes)) counter.Failures = 0;
            counter.LastFailure = now;
            if (++counter.Failures < limit) return counter.RefusedUntil - now;
            counter.Failures = 0;
            counter.Rounds++;
            var minutes = Math.Min(settings.LockoutMinutes * Math.Pow(2, Math.Min(counter.Rounds - 1, 30)), settings.MaxLockoutMinutes);
            counter.RefusedUntil = now + TimeSpan.FromMinutes(minutes);
            return counter.RefusedUntil - now;
        }
    }

    private TimeSpan Remaining(string key, DateTimeOffset now)
    {
        if (!counters.TryGetValue(key, out var counter)) return TimeSpan.Zero;
        lock (counter) return counter.RefusedUntil - now;
    }

    private void Prune(DateTimeOffset now)
    {
        var stale = TimeSpan.FromMinutes(settings.MaxLockoutMinutes);
        foreach (var (key, counter) in counters)
        {
            bool old;
            lock (counter) old = counter.RefusedUntil < now && now - counter.LastFailure > stale;
            if (old) counters.TryRemove(key, out _);
        }
        // Still too many (a flood of fresh names): drop the pairs that are not refused; addresses are kept.
        if (counters.Count > PruneAbove)
            foreach (var (key, counter) in counters)
            {
                bool refused;
                lock (counter) refused = counter.RefusedUntil >= now;
                if (!refused && key.StartsWith("p|", StringComparison.Ordinal)) counters.TryRemove(key, out _);
            }
    }

    private static string AddressKey(IPAddress? address) => $"a|{Normalize(address)}";

    private static string PairKey(string userName, IPAddress? address)
    {
        var name = userName.Trim().ToUpperInvariant();
        return $"p|{Normalize(address)}|{(name.Length > MaxNameLength ? name[..MaxNameLength] : name)}";
    }

    private static string Normalize(IPAddress? address) =>
        address is null ? "-" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Counter
    {
        public int Failures;
        public int Rounds;
        public DateTimeOffset LastFailure = DateTimeOffset.MinValue;
        public DateTimeOffset RefusedUntil = DateTimeOffset.MinValue;
    }
}
