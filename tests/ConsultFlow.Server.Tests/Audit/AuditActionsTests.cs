using ConsultFlow.Server.Features.Audit;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ConsultFlow.Server.Tests.Audit;

public sealed class AuditActionsTests
{
    [Theory]
    [InlineData("POST", "/api/tasks/{id:guid}/complete", "tasks.complete")]
    [InlineData("PUT", "/api/definitions/{id}/draft", "definitions.draft")]
    [InlineData("POST", "/api/definitions/{id}/versions/{version:int}/publish", "definitions.versions.publish")]
    [InlineData("POST", "/api/instances/", "instances.create")]
    [InlineData("POST", "/api/instances/{id:guid}/cancel", "instances.cancel")]
    [InlineData("PUT", "/api/agencies/{code}", "agencies.update")]
    [InlineData("PATCH", "/api/agencies/{code}", "agencies.update")]
    [InlineData("DELETE", "/api/agencies/{code}/users/{id}", "agencies.users.delete")]
    [InlineData("POST", "/api/Auth/Sign-In", "auth.sign-in")]
    public void Names_come_from_the_route_pattern(string method, string pattern, string expected) =>
        AuditActions.Name(method, RoutePatternFactory.Parse(pattern)).Should().Be(expected);

    [Fact]
    public void The_target_is_the_route_values_in_route_order()
    {
        var pattern = RoutePatternFactory.Parse("/api/definitions/{id}/versions/{version:int}/publish");
        AuditActions.Target(pattern, new RouteValueDictionary { ["version"] = 3, ["id"] = "api-review" }).Should().Be("api-review/3");
        AuditActions.Target(RoutePatternFactory.Parse("/api/instances"), []).Should().BeNull();
    }

    [Theory]
    [InlineData("definitions.validate", true)]
    [InlineData("auth.sign-in", true)]
    [InlineData("account.logout", true)]
    [InlineData("tasks.complete", false)]
    [InlineData("definitions.draft", false)]
    public void Validation_and_sign_in_or_out_are_not_recorded(string action, bool excluded) =>
        AuditActions.IsExcluded(action, new AuditOptions()).Should().Be(excluded);
}
