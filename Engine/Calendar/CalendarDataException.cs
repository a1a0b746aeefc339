namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// A calendar data file is malformed or contradicts itself. Raised at load time, on purpose: a wrong holiday
/// list silently shifts every statutory deadline, so the application must not start with one.
/// </summary>
public sealed class CalendarDataException(string message, Exception? inner = null) : Exception(message, inner);
