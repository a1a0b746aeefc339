using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Server.Features.Activities;

/// <summary>The activity types the designer's palette lists.</summary>
public static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/activity-descriptors", (ActivityRegistry registry) => registry.Descriptors).WithTags("Activities");
}
