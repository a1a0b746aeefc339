using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsultFlow.Server.Tests.Audit;

/// <summary>The chain on a real database: appending, verifying, and tampering with the rows by hand.</summary>
public abstract class AuditChainTests(PersistenceProvider provider, PostgresServer? postgres) : AuditDatabaseTestBase(provider, postgres)
{
    private const int Rows = 8;

    [Fact]
    public async Task An_untouched_chain_verifies_and_names_its_head()
    {
        var chain = await ChainWithAsync(Rows);

        var result = await chain.VerifyAsync();

        result.Ok.Should().BeTrue(result.Message);
        result.Count.Should().Be(Rows);
        result.HeadSequence.Should().Be(Rows);
        var rows = await chain.ListAsync(0, 100);
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, Rows).Select(i => (long)i));
        result.HeadHash.Should().Be(rows[^1].Hash);
        rows[0].PreviousHash.Should().Be(HashAlgorithms.GenesisHash);
        rows.Skip(1).Select(r => r.PreviousHash).Should().Equal(rows.SkipLast(1).Select(r => r.Hash));
    }

    [Fact]
    public async Task An_empty_chain_is_intact()
    {
        var result = await ChainOf(NewNode()).VerifyAsync();

        result.Ok.Should().BeTrue();
        result.Count.Should().Be(0);
        result.HeadSequence.Should().BeNull();
    }

    [Fact]
    public async Task Rows_keep_who_what_and_the_normalised_json_as_appended()
    {
        var chain = ChainOf(NewNode());
        var appended = await chain.AppendAsync(new AuditEntry("tasks.complete")
        {
            UserId = "42", UserName = "李四", Agency = "gaj", Roles = ["staff", "leader", "staff"], Target = "t-1",
            BeforeJson = """{ "b": 1, "a": [ 2, { "d": "x", "c": null } ] }""",
            AfterJson = """{"意见":"同意","amount":1.50}""",
        });

        var stored = (await chain.ListAsync(0, 1)).Single();

        stored.Should().Be(appended);
        stored.Roles.Should().Be("""["leader","staff"]""");
        stored.BeforeJson.Should().Be("""{"a":[2,{"c":null,"d":"x"}],"b":1}""");
        stored.AfterJson.Should().Be("""{"amount":1.50,"意见":"同意"}""", "numbers keep their text and Chinese stays unescaped");
        stored.Algorithm.Should().Be(HashAlgorithms.Sha256);
        stored.At.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Times_with_sub_microsecond_ticks_hash_the_same_after_the_round_trip()
    {
        var chain = ChainOf(NewNode(time: new SteppingTime(new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567))));
        for (var n = 1; n <= 3; n++) await chain.AppendAsync(Entry(n));

        var rows = await chain.ListAsync(0, 10);

        (await chain.VerifyAsync()).Ok.Should().BeTrue();
        rows[0].At.Should().Be(new DateTimeOffset(2025, 3, 1, 0, 30, 0, TimeSpan.Zero).AddTicks(1234560));
        AuditCanonicalForm.FormatTime(rows[0].At).Should().Be("2025-03-01T00:30:00.123456Z");
    }

    [Theory]
    [InlineData("user_name", "'mallory'")]
    [InlineData("action", "'definitions.publish'")]
    [InlineData("after_json", "'{\"status\":\"Rejected\"}'")]
    [InlineData("roles", "'[\"administrator\"]'")]
    [InlineData("algorithm", "'SM3'")]
    public async Task Changing_a_field_of_a_row_is_found_at_that_row(string column, string value)
    {
        var chain = await ChainWithAsync(Rows);

        await ExecuteAsync($"UPDATE audit_records SET {column} = {value} WHERE sequence = 5");
        var result = await chain.VerifyAsync();

        result.Ok.Should().BeFalse();
        result.Sequence.Should().Be(5);
        result.Fault.Should().Be(AuditFault.Changed);
        result.Count.Should().Be(4, "rows 1 to 4 are still intact");
        result.Message.Should().Contain("Row 5 was changed");
    }

    [Fact]
    public async Task Changing_the_time_of_a_row_is_found_at_that_row()
    {
        var chain = await ChainWithAsync(Rows);
        var row = (await chain.ListAsync(2, 1)).Single();

        await ExecuteAsync("UPDATE audit_records SET at = @at WHERE sequence = 3", ("@at", row.At.UtcDateTime.AddSeconds(-1)));
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 3 && r.Fault == AuditFault.Changed);
    }

    [Fact]
    public async Task Removing_a_row_is_found_as_the_gap_it_leaves()
    {
        var chain = await ChainWithAsync(Rows);

        await ExecuteAsync("DELETE FROM audit_records WHERE sequence = 4");
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 4 && r.Fault == AuditFault.Removed);
        result.Message.Should().Contain("Row 4 was removed").And.Contain("from row 3 to row 5");
    }

    [Fact]
    public async Task Removing_the_first_row_is_found()
    {
        var chain = await ChainWithAsync(3);

        await ExecuteAsync("DELETE FROM audit_records WHERE sequence = 1");
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 1 && r.Fault == AuditFault.Removed && r.Count == 0);
    }

    [Fact]
    public async Task Swapping_two_rows_sequence_numbers_is_found_at_the_first_of_them()
    {
        var chain = await ChainWithAsync(Rows);

        await ExecuteAsync("UPDATE audit_records SET sequence = -1 WHERE sequence = 3");
        await ExecuteAsync("UPDATE audit_records SET sequence = 3 WHERE sequence = 6");
        await ExecuteAsync("UPDATE audit_records SET sequence = 6 WHERE sequence = -1");
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 3 && r.Fault == AuditFault.Reordered);
        result.Message.Should().Contain("Row 3 does not follow row 2");
    }

    [Fact]
    public async Task Swapping_two_rows_contents_is_found_at_the_first_of_them()
    {
        var chain = await ChainWithAsync(Rows);
        var rows = await chain.ListAsync(0, 100);

        await Overwrite(2, rows[4]);
        await Overwrite(5, rows[1]);
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 2 && r.Fault == AuditFault.Reordered);
    }

    [Fact]
    public async Task A_row_with_a_sequence_before_the_start_is_out_of_order()
    {
        var chain = await ChainWithAsync(3);

        await ExecuteAsync("UPDATE audit_records SET sequence = 0 WHERE sequence = 2");
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 0 && r.Fault == AuditFault.Reordered);
    }

    [Fact]
    public async Task Changing_the_last_row_is_found()
    {
        var chain = await ChainWithAsync(Rows);

        await ExecuteAsync($"UPDATE audit_records SET target = 'someone-else' WHERE sequence = {Rows}");
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == Rows && r.Fault == AuditFault.Changed);
    }

    [Fact]
    public async Task Rehashing_an_edited_row_is_found_at_the_next_row()
    {
        var chain = await ChainWithAsync(Rows);
        var row = (await chain.ListAsync(3, 1)).Single();
        var forged = row with { UserName = "mallory", Agency = "nobody" };
        forged = forged with { Hash = AuditCanonicalForm.Hash(forged) };

        await ExecuteAsync("UPDATE audit_records SET user_name = @name, agency = @agency, hash = @hash WHERE sequence = 4",
            ("@name", forged.UserName!), ("@agency", forged.Agency!), ("@hash", forged.Hash));
        var result = await chain.VerifyAsync();

        result.Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 5 && r.Fault == AuditFault.Reordered && r.Count == 4);
        result.Message.Should().Contain("row 4 was replaced and re-hashed");
    }

    [Fact]
    public async Task A_chain_can_switch_algorithm_and_still_verify()
    {
        var sha = ChainOf(NewNode(HashAlgorithms.Sha256));
        var sm3 = ChainOf(NewNode("sm3"));
        for (var n = 1; n <= 6; n++) await (n is 3 or 4 or 6 ? sm3 : sha).AppendAsync(Entry(n));

        var rows = await sha.ListAsync(0, 10);

        rows.Select(r => r.Algorithm).Should().Equal("SHA-256", "SHA-256", "SM3", "SM3", "SHA-256", "SM3");
        (await sha.VerifyAsync()).Should().Match<AuditVerification>(r => r.Ok && r.Count == 6);
        (await sm3.VerifyAsync()).Ok.Should().BeTrue();
        HashAlgorithms.HexDigest("SM3", AuditCanonicalForm.Serialize(rows[2])).Should().Be(rows[2].Hash);

        await ExecuteAsync("UPDATE audit_records SET algorithm = 'SHA-256' WHERE sequence = 4");
        (await sha.VerifyAsync()).Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 4 && r.Fault == AuditFault.Changed);
    }

    [Fact]
    public async Task Appends_in_parallel_from_two_nodes_make_one_gap_free_chain()
    {
        var nodes = new[] { ChainOf(NewNode()), ChainOf(NewNode(HashAlgorithms.Sm3)) };
        using var start = new ManualResetEventSlim();

        var appends = Enumerable.Range(1, 50).Select(n => Task.Run(async () =>
        {
            start.Wait();
            return await nodes[n % 2].AppendAsync(Entry(n));
        })).ToList();
        start.Set();
        var appended = await Task.WhenAll(appends);

        appended.Select(r => r.Sequence).Order().Should().Equal(Enumerable.Range(1, 50).Select(i => (long)i));
        appended.Select(r => r.PreviousHash).Should().OnlyHaveUniqueItems("no two rows follow the same row: the chain did not fork");
        var result = await nodes[0].VerifyAsync();
        result.Should().Match<AuditVerification>(r => r.Ok && r.Count == 50, result.Message);
    }

    [Fact]
    public async Task Verification_reads_in_batches_and_walks_past_them()
    {
        var node = NewNode();
        for (var n = 1; n <= 11; n++) await ChainOf(node).AppendAsync(Entry(n));
        var chain = new AuditChain(
            node.GetRequiredService<IDbContextFactory<AuditDbContext>>(), node.GetRequiredService<AuditOptions>(),
            TimeProvider.System, NullLogger<AuditChain>.Instance) { VerifyBatchSize = 3 };

        (await chain.VerifyAsync()).Should().Match<AuditVerification>(r => r.Ok && r.Count == 11);
        await ExecuteAsync("UPDATE audit_records SET user_id = 'x' WHERE sequence = 10");
        (await chain.VerifyAsync()).Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 10 && r.Count == 9);
        await ExecuteAsync("DELETE FROM audit_records WHERE sequence = 7");
        (await chain.VerifyAsync()).Should().Match<AuditVerification>(r => !r.Ok && r.Sequence == 7 && r.Fault == AuditFault.Removed);
    }

    private Task Overwrite(long sequence, AuditRecord content) =>
        ExecuteAsync("""
            UPDATE audit_records SET at = @at, user_id = @userId, user_name = @userName, agency = @agency, roles = @roles,
                action = @action, target = @target, before_json = @before, after_json = @after,
                previous_hash = @previous, hash = @hash, algorithm = @algorithm
            WHERE sequence = @sequence
            """,
            ("@at", content.At.UtcDateTime), ("@userId", (object?)content.UserId ?? DBNull.Value), ("@userName", (object?)content.UserName ?? DBNull.Value),
            ("@agency", (object?)content.Agency ?? DBNull.Value), ("@roles", content.Roles), ("@action", content.Action),
            ("@target", (object?)content.Target ?? DBNull.Value), ("@before", (object?)content.BeforeJson ?? DBNull.Value),
            ("@after", (object?)content.AfterJson ?? DBNull.Value), ("@previous", content.PreviousHash), ("@hash", content.Hash),
            ("@algorithm", content.Algorithm), ("@sequence", sequence));
}
