using ConsultFlow.Server.Features.Audit;

namespace ConsultFlow.Server.Tests.Audit;

public sealed class AuditJsonTests
{
    [Fact]
    public void Json_is_normalised_with_sorted_keys_and_no_whitespace()
    {
        AuditJson.Normalize("""{ "z": [3, 2, {"y": true, "x": null}], "a": "同意\u0041", "m": 1e3 }""")
            .Should().Be("""{"a":"同意A","m":1e3,"z":[3,2,{"x":null,"y":true}]}""");
        AuditJson.Normalize(null).Should().BeNull();
        AuditJson.Roles(["b", "a", "b", " "]).Should().Be("""["a","b"]""");
        var invalid = () => AuditJson.Normalize("{not json");
        invalid.Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public void Secrets_are_redacted_at_any_depth_and_a_bare_key_only_at_the_top()
    {
        var json = """
            { "id": "c1", "key": "cf_live_123", "accounts": [ { "userName": "li", "Password": "Init-123", "key": "x" } ],
              "form": { "fields": [ { "key": "reason" } ] }, "token": null, "nested": { "apiKey": 42 } }
            """;

        AuditJson.Redact(json, new AuditOptions()).Should().Be(
            """{"accounts":[{"Password":"[redacted]","key":"x","userName":"li"}],"form":{"fields":[{"key":"reason"}]},"id":"c1","key":"[redacted]","nested":{"apiKey":"[redacted]"},"token":null}""");
    }
}
