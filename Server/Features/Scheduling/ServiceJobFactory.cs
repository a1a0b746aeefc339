using Quartz;
using Quartz.Spi;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>Quartz's DI packages are not available here: jobs are built from the host's services, one scope per run.</summary>
public sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
{
    private readonly Dictionary<IJob, AsyncServiceScope> scopes = new(ReferenceEqualityComparer.Instance);
    private readonly Lock gate = new();

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = services.CreateAsyncScope();
        var job = (IJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, bundle.JobDetail.JobType);
        lock (gate) scopes[job] = scope;
        return job;
    }

    public void ReturnJob(IJob job)
    {
        AsyncServiceScope scope;
        lock (gate)
        {
            if (!scopes.Remove(job, out scope)) return;
        }
        _ = scope.DisposeAsync().AsTask();
    }
}
