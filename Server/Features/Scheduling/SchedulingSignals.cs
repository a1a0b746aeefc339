using System.Threading.Channels;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>Hands committed steps to the scheduling worker without making the step wait for the scheduler.</summary>
public sealed class SchedulingSignals
{
    private readonly Channel<ScheduleWork> channel = Channel.CreateUnbounded<ScheduleWork>(new UnboundedChannelOptions { SingleReader = true });

    public void Post(ScheduleWork work) => channel.Writer.TryWrite(work);

    public ChannelReader<ScheduleWork> Reader => channel.Reader;
}
