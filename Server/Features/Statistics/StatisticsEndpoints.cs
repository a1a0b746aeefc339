using System.Globalization;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Statistics;

/// <summary>Counts by process, status and agency, overdue counts and referral figures, within what the caller may see.</summary>
public static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/statistics", (string? from, string? to, string? agency, HttpContext http, CaseAccess access, CancellationToken ct) =>
            RunAsync(from, to, agency, http, access, ct)).WithTags("Statistics");

        // The same figures as CSV for Excel (UTF-8 with BOM), names in Chinese; same filters, same visibility.
        app.MapGet("/api/statistics/export.csv", async (string? from, string? to, string? agency, HttpContext http, CaseAccess access,
            DefinitionService definitions, ServerDbContext directory, TimeProvider clock, CancellationToken ct) =>
        {
            var report = await RunAsync(from, to, agency, http, access, ct);
            var processNames = (await definitions.ListLatestAsync(ct)).ToDictionary(d => d.DefinitionId, d => d.Definition.Name, StringComparer.Ordinal);
            var agencyNames = await directory.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.NameZh, ct);
            var day = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime.Zone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(StatisticsCsv.Write(report, processNames, agencyNames), "text/csv; charset=utf-8", $"统计-{day}.csv");
        }).WithTags("Statistics");
    }

    private static async Task<StatisticsReport> RunAsync(string? from, string? to, string? agency, HttpContext http, CaseAccess access, CancellationToken ct)
    {
        // Made per request from the registered services: Program.cs only maps this feature, it registers nothing for it.
        var query = ActivatorUtilities.GetServiceOrCreateInstance<StatisticsQuery>(http.RequestServices);
        var start = Moment(from, "from", endOfDay: false);
        var end = Moment(to, "to", endOfDay: true);
        if (start is not null && end is not null && start >= end)
            throw new EngineException(EngineErrorCode.Invalid, "'to' is before 'from'.", [new("to", "'to' must not be before 'from'.")]);
        var party = access.PartyFilter(CurrentUser.Of(http.User));
        return await query.RunAsync(party, string.IsNullOrWhiteSpace(agency) ? null : agency.Trim(), start, end, ct);
    }

    /// <summary>
    /// A date (yyyy-MM-dd, a whole day in Beijing time: "to" includes that day) or an ISO 8601 date-time (without an
    /// offset: Beijing time). Returns the inclusive start for "from" and the exclusive end for "to".
    /// </summary>
    private static DateTimeOffset? Moment(string? value, string parameter, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (QueryValues.OutOfRange(day) is { } range)
                throw new EngineException(EngineErrorCode.Invalid, range, [new(parameter, range)]);
            var midnight = (endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, ChinaTime.Zone.GetUtcOffset(midnight));
        }
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
        {
            if (QueryValues.OutOfRange(DateOnly.FromDateTime(moment)) is { } range)
                throw new EngineException(EngineErrorCode.Invalid, range, [new(parameter, range)]);
            var at = moment.Kind switch
            {
                DateTimeKind.Unspecified => new DateTimeOffset(moment, ChinaTime.Zone.GetUtcOffset(moment)),
                _ => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            };
            // An explicit moment is inclusive at both ends; the stored precision is a microsecond.
            return endOfDay ? at.AddTicks(TimeSpan.TicksPerMicrosecond) : at;
        }
        throw new EngineException(EngineErrorCode.Invalid, $"'{value}' is not a date.",
            [new(parameter, "Use a date (yyyy-MM-dd, Beijing time) or an ISO 8601 date-time.")]);
    }
}
