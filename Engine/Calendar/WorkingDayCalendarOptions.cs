namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// Deployment settings for <see cref="WorkingDayCalendar"/>.
/// </summary>
/// <param name="DataDirectory">
/// Optional folder of extra <c>*.json</c> calendar files (same layout as the embedded ones). A file there replaces
/// the embedded layer with the same region and year, or adds a new one: this is how next year's notice, or a
/// region's own notice, is deployed without a new release.
/// </param>
public sealed record WorkingDayCalendarOptions(string? DataDirectory = null);
