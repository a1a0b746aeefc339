using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>What one committed step means for the scheduler: timers to plan, tasks to watch, journal to notify from.</summary>
public sealed record ScheduleWork(IReadOnlyList<PlannedTimer> Timers, IReadOnlyList<HumanTask> Tasks, bool NotifiableJournal);
