using System.Text.Json.Nodes;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Tasks;

namespace ConsultFlow.Engine.Tests.Bounds;

/// <summary>Every text and list a person submits is bounded and printable; blank is not an answer to a required field.</summary>
public sealed class FieldBoundsTests
{
    private static readonly VariableDefinition Subject = new("subject", ValueKind.String) { Required = true, Label = new("会商事项", "Subject"), MaxLength = 200 };
    private static readonly VariableDefinition Units = new("units", ValueKind.Agencies) { Label = new("参会单位", "Participants") };

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_text_input_refuses_blank(string blank) =>
        Subject.ProblemWith(JsonValue.Create(blank)).Should().Contain("会商事项");

    [Fact]
    public void Text_inputs_have_a_length_limit_their_own_or_the_default()
    {
        Subject.ProblemWith(JsonValue.Create(new string('事', 200))).Should().BeNull();
        Subject.ProblemWith(JsonValue.Create(new string('事', 201))).Should().Contain("200");
        new VariableDefinition("x", ValueKind.String).ProblemWith(JsonValue.Create(new string('a', VariableDefinition.DefaultMaxLength + 1)))
            .Should().NotBeNull();
    }

    [Theory]
    [InlineData("撤回\u0000")]
    [InlineData("\uFFFE")]
    public void Control_and_non_characters_are_refused(string text) =>
        Subject.ProblemWith(JsonValue.Create(text)).Should().NotBeNull();

    [Fact]
    public void A_broken_surrogate_pair_is_refused() =>
        // Built at run time: an attribute's string cannot carry a lone surrogate.
        Subject.ProblemWith(JsonValue.Create("bad " + (char)0xD800 + " surrogate")).Should().NotBeNull();

    [Fact]
    public void Line_breaks_tabs_and_chinese_text_are_fine() =>
        Subject.ProblemWith(JsonValue.Create("第一行\n第二行\t（附件）😀")).Should().BeNull();

    [Fact]
    public void List_inputs_refuse_duplicates_and_more_than_the_maximum()
    {
        Units.ProblemWith(new JsonArray("scjg", "zrzy")).Should().BeNull();
        Units.ProblemWith(new JsonArray("scjg", "scjg")).Should().Contain("重复");
        Units.ProblemWith(new JsonArray([.. Enumerable.Range(0, VariableDefinition.DefaultMaxItems + 1).Select(i => (JsonNode)$"a{i}")])).Should().NotBeNull();
    }

    private static readonly FormSchema Form = new([
        new FormField("opinion", new("书面意见", "Written opinion"), FormFieldType.LongText) { Required = true },
        new FormField("title", new("标题", "Title"), FormFieldType.Text),
        new FormField("participants", new("参会单位", "Participants"), FormFieldType.Agencies),
    ]);

    [Fact]
    public void Form_fields_are_bounded_by_their_type_defaults_and_named_by_label()
    {
        FormValidator.Validate(Form, new JsonObject { ["opinion"] = new string('意', FormField.DefaultLongTextLength) }).Should().BeEmpty();
        var errors = FormValidator.Validate(Form, new JsonObject
        {
            ["opinion"] = new string('意', FormField.DefaultLongTextLength + 1),
            ["title"] = new string('题', FormField.DefaultTextLength + 1),
            ["participants"] = new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => (JsonNode)$"u{i}")]),
        });
        errors.Select(e => e.Field).Should().BeEquivalentTo("opinion", "title", "participants");
        errors.Single(e => e.Field == "opinion").Message.Should().Contain("书面意见");
    }

    [Fact]
    public void A_form_refuses_a_blank_required_field_and_a_duplicated_agency()
    {
        var errors = FormValidator.Validate(Form, new JsonObject { ["opinion"] = " \n ", ["participants"] = new JsonArray("scjg", "scjg") });
        errors.Select(e => e.Field).Should().BeEquivalentTo("opinion", "participants");
    }
}
