namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// A computed deadline with everything needed to explain it later (full-process record, DOMAIN.md G).
/// </summary>
/// <param name="Start">The moment the period started (as given by the caller).</param>
/// <param name="DueAt">
/// The first moment at which the period has expired, in Beijing time (+08:00). For day-based units the period ends
/// at 24:00 of <paramref name="LastDay"/>, which is represented as 00:00 of the following day: an act is in time
/// while <c>now &lt; DueAt</c>, overdue when <c>now &gt;= DueAt</c>. Show it to people as "LastDay 24:00" (截至某日24时),
/// not as the next day.
/// </param>
/// <param name="LastDay">The last day of a day-based period (after any roll-over), in Beijing time; null for hours.</param>
/// <param name="Period">The period that was applied.</param>
/// <param name="LegalBasis">The provision fixing the period, if the caller gave one.</param>
/// <param name="Region">The calendar region used, normalized ("CN-NX").</param>
/// <param name="CalendarVersion">
/// The versions of the calendar data consulted (see <see cref="WorkingDayCalendar.Version"/>); null for hours, which
/// do not consult the calendar.
/// </param>
/// <param name="Estimated">
/// True when some year involved has no published calendar data (plain Monday-Friday was assumed) or only provisional
/// data: the deadline must be recomputed once the notice is out.
/// </param>
public sealed record Deadline(
    DateTimeOffset Start,
    DateTimeOffset DueAt,
    DateOnly? LastDay,
    Period Period,
    string? LegalBasis,
    string Region,
    string? CalendarVersion,
    bool Estimated);
