using ConsultFlow.Engine.State;

namespace ConsultFlow.Server.Features.Evidence;

/// <summary>What each kind of journal entry is called in a readable timeline.</summary>
public static class TimelineLabels
{
    public static string Of(string kind) => Enum.TryParse<JournalKind>(kind, out var k) ? Of(k) : kind;

    public static string Of(JournalKind kind) => kind switch
    {
        JournalKind.InstanceStarted => "案件发起",
        JournalKind.ActivityStarted => "环节开始",
        JournalKind.ActivityCompleted => "环节完成",
        JournalKind.ActivityFaulted => "环节出错",
        JournalKind.BookmarkCreated => "进入等待",
        JournalKind.BookmarkResumed => "等待结束",
        JournalKind.BookmarkCancelled => "等待取消",
        JournalKind.TaskAssigned => "任务分派",
        JournalKind.TaskCompleted => "任务办结",
        JournalKind.TaskCancelled => "任务关闭",
        JournalKind.VariableSet => "数据记录",
        JournalKind.AlertRaised => "预警",
        JournalKind.InstanceCompleted => "案件办结",
        JournalKind.InstanceFaulted => "案件出错",
        JournalKind.InstanceRetried => "重试",
        JournalKind.InstanceCancelled => "案件撤销",
        JournalKind.TaskClaimed => "任务签收",
        JournalKind.TaskReassigned => "任务转办",
        JournalKind.TaskReleased => "任务退回",
        JournalKind.TimerFiredLate => "计时延迟触发",
        JournalKind.MessageSent => "发出消息",
        JournalKind.MessageReceived => "收到消息",
        JournalKind.AttachmentAdded => "上传附件",
        JournalKind.EvidenceExported => "下载证据包",
        _ => kind.ToString(),
    };
}
