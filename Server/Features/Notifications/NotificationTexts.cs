using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>The Chinese titles and bodies of notifications (the product's users read Chinese).</summary>
public static class NotificationTexts
{
    public static string Beijing(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).ToString("yyyy年M月d日 HH:mm");

    public static string Due(HumanTask task) =>
        task.DueAt is { } due ? $"办理期限：{Beijing(due)}" + (task.LegalBasis is { } basis ? $"（依据：{basis}）" : "") : "无办理期限";

    public static NotificationDraft TaskAssigned(HumanTask task) =>
        new(NotificationKinds.TaskAssigned, $"新任务：{task.Title.Zh}", $"{task.AssigneeAgency} 的{Role(task.AssigneeRole)}有一项新任务“{task.Title.Zh}”。{Due(task)}。",
            $"task:{task.Id}:assigned") { CaseId = task.InstanceId, TaskId = task.Id };

    public static NotificationDraft Yellow(HumanTask task) =>
        new(NotificationKinds.DeadlineYellow, $"黄灯提醒：{task.Title.Zh} 即将到期", $"任务“{task.Title.Zh}”即将到期，请抓紧办理。{Due(task)}。",
            $"task:{task.Id}:yellow") { CaseId = task.InstanceId, TaskId = task.Id };

    public static NotificationDraft Red(HumanTask task) =>
        new(NotificationKinds.DeadlineRed, $"红灯预警：{task.Title.Zh} 已逾期", $"任务“{task.Title.Zh}”已超过办理期限仍未办结。{Due(task)}。",
            $"task:{task.Id}:red") { CaseId = task.InstanceId, TaskId = task.Id };

    public static NotificationDraft Reminder(HumanTask task, long round) =>
        new(NotificationKinds.Reminder, $"催办：{task.Title.Zh}", $"任务“{task.Title.Zh}”逾期仍未办结（第{round}次催办）。{Due(task)}。",
            $"task:{task.Id}:reminder:{round}") { CaseId = task.InstanceId, TaskId = task.Id };

    public static string Role(string role) => AgencyDirectory.DirectoryRoles.ChineseName(role);
}
