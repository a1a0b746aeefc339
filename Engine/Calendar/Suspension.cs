namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// One interruption (中止) of a running period: from <paramref name="From"/> until <paramref name="To"/>, or still
/// going on while <paramref name="To"/> is null.
/// </summary>
public sealed record Suspension(DateTimeOffset From, DateTimeOffset? To = null)
{
    public bool IsOpen => To is null;
}
