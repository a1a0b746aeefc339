using System.Reflection;

namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// Answers "is this date a working day in this region?" from versioned data layers.
/// </summary>
/// <remarks>
/// <para>Working days are Monday-Friday, minus holidays, plus adjusted make-up days (调休上班), as published per year.
/// Regions nest by their code: "CN-NX" is the national layer with Ningxia's layer applied on top, so a regional
/// holiday can turn a national working day into a day off (and the other way round). The region codes accepted
/// are "CN" and every region that has at least one layer; anything else is rejected rather than silently treated
/// as national, because a misspelt region would quietly drop that region's holidays.</para>
/// <para>A year without data for some layer of the region falls back to plain Monday-Friday for that layer and is
/// reported as estimated (<see cref="IsEstimated"/>), as is a year whose data is marked provisional.</para>
/// <para>Immutable after construction and safe to share between threads; build one at start-up.</para>
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>The national region code; every other code extends it ("CN-NX").</summary>
    public const string National = "CN";

    /// <summary>Manifest names of the embedded data files start with this (see the csproj's LogicalName).</summary>
    public const string ResourcePrefix = "ConsultFlow.Engine.Calendar.Data.";

    private readonly Dictionary<(string Region, int Year), CalendarLayer> _layers;

    // Per region: the dates its layers override, true = working day. Built once so lookups are a dictionary hit.
    private readonly Dictionary<string, Dictionary<DateOnly, bool>> _overrides;

    /// <param name="layers">
    /// Data layers. Several layers for the same region and year: the later one wins, which is how configured files
    /// replace embedded ones.
    /// </param>
    public WorkingDayCalendar(IEnumerable<CalendarLayer> layers)
    {
        _layers = [];
        foreach (var layer in layers)
        {
            layer.Validate($"layer {layer.Version}");
            _layers[(layer.Region, layer.Year)] = layer;
        }

        if (!_layers.Keys.Any(key => key.Region == National))
        {
            throw new CalendarDataException("No national (CN) calendar layer was loaded.");
        }

        _overrides = [];
        foreach (var layer in _layers.Values.OrderBy(l => l.Year))
        {
            if (!_overrides.TryGetValue(layer.Region, out var days))
            {
                _overrides[layer.Region] = days = [];
            }

            foreach (var day in layer.Holidays.SelectMany(h => h.Days()))
            {
                days[day] = false;
            }

            foreach (var working in layer.WorkingDays)
            {
                days[working.Date] = true;
            }
        }
    }

    /// <summary>All layers in use, after overrides, ordered by region then year.</summary>
    public IReadOnlyList<CalendarLayer> Layers =>
        [.. _layers.Values.OrderBy(l => l.Region, StringComparer.Ordinal).ThenBy(l => l.Year)];

    /// <summary>Region codes accepted by the other members.</summary>
    public IReadOnlyCollection<string> Regions => [.. _layers.Keys.Select(k => k.Region).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The calendar built from the data files embedded in this assembly.</summary>
    public static WorkingDayCalendar LoadEmbedded() => Load(options: null);

    /// <summary>
    /// The embedded data, then the files of <see cref="WorkingDayCalendarOptions.DataDirectory"/> (if set) on top.
    /// Throws <see cref="CalendarDataException"/> for any malformed file, and
    /// <see cref="DirectoryNotFoundException"/> for a configured folder that does not exist (a typo in the setting
    /// must not go unnoticed).
    /// </summary>
    public static WorkingDayCalendar Load(WorkingDayCalendarOptions? options)
    {
        var layers = new List<CalendarLayer>();
        var assembly = typeof(WorkingDayCalendar).Assembly;
        foreach (var name in EmbeddedDataFiles(assembly))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new CalendarDataException($"Embedded resource {name} cannot be opened.");
            using var reader = new StreamReader(stream);
            layers.Add(CalendarLayer.FromJson(reader.ReadToEnd(), name));
        }

        if (options?.DataDirectory is { Length: > 0 } directory)
        {
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"Calendar data directory '{directory}' does not exist.");
            }

            // Sorted so that the result does not depend on the file system's enumeration order.
            foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                layers.Add(CalendarLayer.FromJson(File.ReadAllText(file), file));
            }
        }

        return new WorkingDayCalendar(layers);
    }

    /// <summary>Manifest resource names of the embedded data files, sorted.</summary>
    public static IReadOnlyList<string> EmbeddedDataFiles(Assembly assembly) =>
        [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="date"/> is a working day in <paramref name="region"/>.</summary>
    public bool IsWorkingDay(DateOnly date, string region = National)
    {
        var working = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        // National first, then each narrower region: the most specific statement about a date wins.
        foreach (var code in RegionChain(region))
        {
            if (_overrides.TryGetValue(code, out var days) && days.TryGetValue(date, out var overridden))
            {
                working = overridden;
            }
        }

        return working;
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date, string region = National)
    {
        var chain = RegionChain(region); // validates once, before the loop
        var day = date.AddDays(1);
        while (!IsWorkingDay(day, chain[^1]))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// True when <paramref name="year"/> lacks published data for some layer of <paramref name="region"/>
    /// (computed as plain Monday-Friday there), or when the data used is marked provisional.
    /// </summary>
    public bool IsEstimated(int year, string region = National) =>
        RegionChain(region).Any(code => !_layers.TryGetValue((code, year), out var layer) || layer.Provisional);

    /// <summary>
    /// The versions of the data behind a computation, e.g. "cn-2025@2024-11-12+cn-2026@2025-11-04"; a missing
    /// layer appears as "cn-2027@none". Recorded with every deadline.
    /// </summary>
    public string Version(string region, IEnumerable<int> years)
    {
        var chain = RegionChain(region);
        var parts = new List<string>();
        foreach (var year in years.Distinct().Order())
        {
            foreach (var code in chain)
            {
                parts.Add(_layers.TryGetValue((code, year), out var layer)
                    ? layer.Version
                    : $"{code.ToLowerInvariant()}-{year}@none");
            }
        }

        return string.Join('+', parts);
    }

    /// <summary>
    /// The upper-case region code, validated; throws <see cref="ArgumentException"/> for an unknown region.
    /// </summary>
    public string NormalizeRegion(string region) => RegionChain(region)[^1];

    // "CN-NX" -> ["CN", "CN-NX"]: each prefix that ends at a '-' is a parent region.
    private string[] RegionChain(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var code = region.Trim().ToUpperInvariant();
        if (code != National && !_overrides.ContainsKey(code))
        {
            throw new ArgumentException(
                $"Unknown calendar region '{region}'. Known: {string.Join(", ", Regions)}.", nameof(region));
        }

        var chain = new List<string>();
        for (var dash = code.IndexOf('-'); dash >= 0; dash = code.IndexOf('-', dash + 1))
        {
            chain.Add(code[..dash]);
        }

        chain.Add(code);
        return [.. chain];
    }
}
