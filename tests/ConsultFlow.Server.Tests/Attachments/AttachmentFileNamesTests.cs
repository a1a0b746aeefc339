using ConsultFlow.Server.Features.Attachments;

namespace ConsultFlow.Server.Tests.Attachments;

public sealed class AttachmentFileNamesTests
{
    [Theory]
    [InlineData("询问笔录.pdf", "询问笔录.pdf")]
    [InlineData(@"C:\Users\李四\Desktop\现场照片.jpg", "现场照片.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\u0000b\r\nc.pdf", "a_b__c.pdf")]
    [InlineData("what?<x>:\"y\"|*.pdf", "what__x___y___.pdf")]
    [InlineData("  ..报告.pdf.. ", "报告.pdf")]
    [InlineData("", "附件")]
    [InlineData("...", "附件")]
    [InlineData(null, "附件")]
    [InlineData("right\u202Etxt.exe", "right_txt.exe")]
    public void Names_are_kept_readable_but_safe(string? name, string expected) =>
        AttachmentFileNames.Sanitise(name).Should().Be(expected);

    [Fact]
    public void Long_names_are_cut_without_splitting_a_character()
    {
        var name = string.Concat(Enumerable.Repeat("𠮷", 150)) + ".pdf";

        var sanitised = AttachmentFileNames.Sanitise(name);

        sanitised.Length.Should().BeLessThanOrEqualTo(AttachmentFileNames.MaxLength);
        sanitised.Should().Be(string.Concat(Enumerable.Repeat("𠮷", 100)));
        char.IsHighSurrogate(sanitised[^1]).Should().BeFalse();
    }
}
