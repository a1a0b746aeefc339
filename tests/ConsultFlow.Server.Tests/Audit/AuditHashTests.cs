using ConsultFlow.Engine.Evidence;
using System.Security.Cryptography;
using System.Text;
using ConsultFlow.Server.Features.Audit;

namespace ConsultFlow.Server.Tests.Audit;

public sealed class AuditHashTests
{
    [Theory]
    // GB/T 32905-2016, appendix A, examples 1 and 2.
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Sm3_gives_the_standards_known_answers(string input, string expected) =>
        HashAlgorithms.HexDigest(HashAlgorithms.Sm3, Encoding.ASCII.GetBytes(input)).Should().Be(expected);

    [Fact]
    public void Sha256_gives_the_known_answer() =>
        HashAlgorithms.HexDigest(HashAlgorithms.Sha256, "abc"u8.ToArray())
            .Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    [Theory]
    [InlineData(null, "SHA-256")]
    [InlineData("sha256", "SHA-256")]
    [InlineData("SHA-256", "SHA-256")]
    [InlineData(" sm3 ", "SM3")]
    [InlineData("SM3", "SM3")]
    public void Configured_names_are_normalised(string? configured, string expected) =>
        HashAlgorithms.Normalize(configured).Should().Be(expected);

    [Fact]
    public void An_unknown_algorithm_stops_the_start()
    {
        var act = () => HashAlgorithms.Normalize("md5");
        act.Should().Throw<InvalidOperationException>().WithMessage("*md5*SHA-256*SM3*");
    }

    [Fact]
    public void The_canonical_form_is_exactly_the_documented_text()
    {
        var record = new AuditRecord
        {
            Sequence = 7,
            At = new DateTimeOffset(2025, 1, 2, 11, 4, 5, TimeSpan.FromHours(8)).AddTicks(70),
            UserId = "u1",
            UserName = "王五",
            Agency = null,
            Roles = """["staff"]""",
            Action = "tasks.complete",
            Target = "",
            BeforeJson = null,
            AfterJson = """{"a":1}""",
            PreviousHash = HashAlgorithms.GenesisHash,
            Algorithm = HashAlgorithms.Sha256,
        };
        var expected = "consultflow-audit/1\n" +
                       $"previous_hash:64:{HashAlgorithms.GenesisHash}\n" +
                       "sequence:7\n" +
                       "at:2025-01-02T03:04:05.000007Z\n" +
                       "algorithm:7:SHA-256\n" +
                       "user_id:2:u1\n" +
                       "user_name:6:王五\n" +
                       "agency:-\n" +
                       "roles:9:[\"staff\"]\n" +
                       "action:14:tasks.complete\n" +
                       "target:0:\n" +
                       "before:-\n" +
                       "after:7:{\"a\":1}\n";

        AuditCanonicalForm.Serialize(record).Should().Equal(Encoding.UTF8.GetBytes(expected));
        AuditCanonicalForm.Hash(record).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))));
    }

    [Fact]
    public void A_value_cannot_pose_as_a_field_boundary()
    {
        var honest = new AuditRecord { UserName = "a", Agency = "b\nagency:1:c", Algorithm = HashAlgorithms.Sha256 };
        var forged = new AuditRecord { UserName = "a\nagency:1:b", Agency = "c", Algorithm = HashAlgorithms.Sha256 };

        AuditCanonicalForm.Hash(honest).Should().NotBe(AuditCanonicalForm.Hash(forged));
        AuditCanonicalForm.Hash(honest with { Target = "" }).Should().NotBe(AuditCanonicalForm.Hash(honest with { Target = null }));
    }

    [Fact]
    public void Every_field_is_covered_by_the_hash()
    {
        var record = new AuditRecord
        {
            Sequence = 1, At = DateTimeOffset.UnixEpoch, UserId = "u", UserName = "n", Agency = "a", Roles = "[]", Action = "x.y",
            Target = "t", BeforeJson = "{}", AfterJson = "{}", PreviousHash = HashAlgorithms.GenesisHash, Algorithm = HashAlgorithms.Sha256,
        };
        var hash = AuditCanonicalForm.Hash(record);
        AuditRecord[] variants =
        [
            record with { Sequence = 2 }, record with { At = record.At.AddTicks(10) }, record with { UserId = "v" },
            record with { UserName = "m" }, record with { Agency = "b" }, record with { Roles = """["x"]""" },
            record with { Action = "x.z" }, record with { Target = "s" }, record with { BeforeJson = null },
            record with { AfterJson = "[]" }, record with { PreviousHash = new string('1', 64) }, record with { Algorithm = HashAlgorithms.Sm3 },
        ];

        variants.Select(AuditCanonicalForm.Hash).Should().OnlyHaveUniqueItems().And.NotContain(hash);
        AuditCanonicalForm.Hash(record with { Hash = "ignored" }).Should().Be(hash, "a row's own hash is not part of its content");
    }
}
