using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.Statistics;

/// <summary>
/// GET /api/statistics/export.csv over real HTTP on the demo district: UTF-8 with a byte-order mark, Chinese names,
/// the same figures as the JSON report under the same filters and the same visibility, and bad filters named.
/// </summary>
public sealed class StatisticsExportTests(SqliteLoopbackServer server) : IClassFixture<SqliteLoopbackServer>
{
    private static async Task<(byte[] Bytes, List<string[]> Rows)> ExportAsync(UserSession user, string query = "")
    {
        var response = await user.GetAsync($"/api/statistics/export.csv{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("统计-").And.EndWith(".csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        text.Should().EndWith("\r\n");
        return (bytes, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Cells).ToList());
    }

    /// <summary>RFC 4180 cells of one line (quoted cells may hold commas and doubled quotes).</summary>
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string Value(List<string[]> rows, string section, string code) =>
        rows.Single(r => r[0] == section && r[2] == code)[3];

    [Fact]
    public async Task The_export_is_excel_ready_utf8_and_agrees_with_the_report_under_every_filter()
    {
        using var staff = await server.SignInAsync("scjg-staff");
        using var leader = await server.SignInAsync("scjg-leader");
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        using var outsider = await server.SignInAsync("zrzy-staff");
        var referral = await StartAsync(staff, "criminal-referral", new JsonObject
        {
            ["agency"] = "scjg", ["caseNo"] = "SCJG-TJ-1", ["caseName"] = "统计导出测试案", ["suspect"] = "某公司", ["suspectedCrime"] = "虚假广告罪",
            ["thresholdFacts"] = "违法所得十万元。", ["evidenceSummary"] = "笔录。", ["itemList"] = "无",
        });
        await CompleteAsync(leader, referral, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四" });
        await CompleteAsync(staff, referral, "teamReport", "submitted", new JsonObject { ["verification"] = "属实。", ["report"] = "att-r" });
        await CompleteAsync(leader, referral, "headDecision", "approve", new JsonObject { ["opinion"] = "同意。" });
        await CompleteAsync(staff, referral, "transfer", "transferred", new JsonObject
            { ["transferLetter"] = "a", ["investigationReport"] = "b", ["itemList"] = "c", ["testingReport"] = "d", ["otherMaterials"] = new JsonArray("e") });
        await StartAsync(staff, "assistance-request", new JsonObject
        {
            ["requestingAgency"] = "scjg", ["targetAgency"] = "zhzf", ["caseNumber"] = "SCJG-XC-1", ["caseCause"] = "无照经营", ["party"] = "某商户",
            ["requestCategory"] = "其他材料", ["requestedItems"] = "营业执照信息", ["legalBasis"] = "《行政处罚法》第二十六条",
            ["contactName"] = "赵敏", ["contactPhone"] = "0952-2010000",
        });

        var (bytes, rows) = await ExportAsync(staff);
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        rows[0].Should().Equal("类别", "项目", "代码", "数值");
        rows.Should().OnlyContain(r => r.Length == 4);

        var report = (await staff.GetJsonAsync("/api/statistics")).AsObject();
        Value(rows, "案件总数", "totalCases").Should().Be(report["totalCases"]!.GetValue<int>().ToString());
        report["totalCases"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
        var referralRow = rows.Single(r => r[0] == "按流程" && r[2] == "criminal-referral");
        referralRow[1].Should().Be("涉嫌犯罪案件移送（两法衔接）");
        referralRow[3].Should().Be(report["byProcess"]!.AsArray().Single(p => p!["definitionId"]!.GetValue<string>() == "criminal-referral")!["total"]!.GetValue<int>().ToString());
        Value(rows, "两法衔接", "referred").Should().Be(report["referrals"]!["referred"]!.GetValue<int>().ToString()).And.NotBe("0");
        Value(rows, "两法衔接", "awaitingDecision").Should().Be(report["referrals"]!["awaitingDecision"]!.GetValue<int>().ToString());
        rows.Single(r => r[0] == "按单位（参与案件数）" && r[2] == "scjg")[1].Should().Be("大武口区市场监督管理局");
        Value(rows, "统计范围", "agency").Should().Be("全部");

        // The agency filter: the office narrows to the 综合执法局, party only to the assistance request.
        var (_, narrowed) = await ExportAsync(coordinator, "?agency=zhzf");
        Value(narrowed, "统计范围", "agency").Should().Be("大武口区综合执法局");
        Value(narrowed, "案件总数", "totalCases").Should().Be((await coordinator.GetJsonAsync("/api/statistics?agency=zhzf"))["totalCases"]!.GetValue<int>().ToString());
        narrowed.Should().NotContain(r => r[0] == "按流程" && r[2] == "criminal-referral");

        // The period filter: nothing was created tomorrow (Beijing time).
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).AddDays(1).ToString("yyyy-MM-dd");
        var (_, future) = await ExportAsync(staff, $"?from={tomorrow}");
        Value(future, "案件总数", "totalCases").Should().Be("0");
        Value(future, "统计范围", "from").Should().StartWith(tomorrow + " 00:00:00");

        // Visibility: the 自然资源局 is party to none of these cases.
        var (_, foreign) = await ExportAsync(outsider);
        foreign.Should().NotContain(r => r[0] == "按流程" && (r[2] == "criminal-referral" || r[2] == "assistance-request"));
        Value(foreign, "两法衔接", "referred").Should().Be("0");

        await (await staff.GetAsync("/api/statistics/export.csv?from=yesterday")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "from");
        (await server.Anonymous().GetAsync("api/statistics/export.csv")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
