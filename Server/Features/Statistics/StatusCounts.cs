using ConsultFlow.Engine.State;

namespace ConsultFlow.Server.Features.Statistics;

/// <summary>Cases by <see cref="WorkflowStatus"/>.</summary>
public sealed record StatusCounts(int Running, int Suspended, int Completed, int Faulted, int Cancelled)
{
    public int Total => Running + Suspended + Completed + Faulted + Cancelled;

    /// <summary>From (status name as stored, count) pairs; unknown names are not counted.</summary>
    public static StatusCounts Of(IEnumerable<(string Status, int Count)> counts)
    {
        var by = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        int Get(WorkflowStatus status) => by.GetValueOrDefault(status.ToString());
        return new(Get(WorkflowStatus.Running), Get(WorkflowStatus.Suspended), Get(WorkflowStatus.Completed),
            Get(WorkflowStatus.Faulted), Get(WorkflowStatus.Cancelled));
    }
}
