namespace ConsultFlow.Engine.State;

/// <summary>Who caused a change: a user of an agency in a role, or the system itself (timers, messages).</summary>
public sealed record Actor(string UserId, string? Agency = null, string? Role = null)
{
    public static Actor System { get; } = new("system");
}
