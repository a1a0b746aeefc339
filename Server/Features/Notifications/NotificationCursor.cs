namespace ConsultFlow.Server.Features.Notifications;

/// <summary>How far a reader of the engine's journal got (the journal row id), so a restart carries on from there.</summary>
public sealed class NotificationCursor
{
    public required string Name { get; set; }
    public long Position { get; set; }
}
