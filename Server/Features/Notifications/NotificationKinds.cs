namespace ConsultFlow.Server.Features.Notifications;

/// <summary>The kinds of notification the API names (the web workbench picks icons and filters by them).</summary>
public static class NotificationKinds
{
    public const string TaskAssigned = "taskAssigned";
    public const string DeadlineYellow = "deadlineYellow";
    public const string DeadlineRed = "deadlineRed";
    public const string Reminder = "reminder";
    /// <summary>An alert a process raises to the people it names (e.g. an overdue statutory step of a criminal referral).</summary>
    public const string Escalation = "escalation";
    public const string JointConsultationDue = "jointConsultationDue";
}
