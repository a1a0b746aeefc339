// One clock per process (see ConsultFlow.Server.Features.Scheduling.QuartzClock): the tests run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
