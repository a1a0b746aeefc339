using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsultFlow.Activities;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine with the built-in activities plus every <see cref="Activity"/> registered as a service.
    /// Storage is registered separately (in memory for tests, EF Core for the server).
    /// </summary>
    public static IServiceCollection AddConsultFlowEngine(this IServiceCollection services, DeploymentProfile profile, WorkingDayCalendarOptions? calendar = null,
        StepLimits? limits = null)
    {
        services.TryAddSingleton(profile);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => WorkingDayCalendar.Load(calendar));
        services.TryAddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<WorkingDayCalendar>()));
        services.TryAddSingleton(_ => new JsonLogicEvaluator(JsonLogicLimits.Default));
        services.TryAddSingleton(sp => new EngineEnvironment(sp.GetRequiredService<DeploymentProfile>(), sp.GetRequiredService<DeadlineCalculator>())
        {
            Limits = limits ?? StepLimits.Default,
        });
        services.TryAddSingleton(sp => new ActivityRegistry(BuiltInActivities.Create().Concat(sp.GetServices<Activity>())));
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<WorkflowRuntime>();
        return services;
    }
}
