using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// A weekend day declared a working day (调休上班) to compensate for a holiday block, e.g. 2026-02-14 for 春节.
/// <see cref="Name"/> is the holiday it belongs to.
/// </summary>
public sealed record AdjustedWorkingDay(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("name")] string Name);
