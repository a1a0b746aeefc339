using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.Attachments;

namespace ConsultFlow.Server.Tests.Statistics;

/// <summary>
/// 两法衔接 figures from criminal referrals driven through the API by the market regulator, the police and the
/// procuratorate, each with its own users, the evidence fields holding attachments uploaded to each case: one filed,
/// one not filed and accepted, one not filed and put under the procuratorate's supervision, one still awaiting the
/// police's decision.
/// </summary>
public sealed class ReferralStatisticsTests(AttachmentServerFactory factory) : IClassFixture<AttachmentServerFactory>
{
    private const string Password = "referral-password";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed record Parties(HttpClient Leader, HttpClient Staff, HttpClient PoliceStaff, HttpClient PoliceLeader, HttpClient Procuratorate, HttpClient Unrelated);

    private async Task<Parties> PartiesAsync()
    {
        var admin = factory.CreateAuthorizedClient();
        foreach (var (code, type) in new[] { ("scjg", "enforcementUnit"), ("gaj", "publicSecurity"), ("jcy", "procuratorate"), ("hbj", "enforcementUnit") })
            (await admin.PostAsJsonAsync("/api/agencies", new { code, name = new { zh = code, en = code }, type, region = "CN" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        foreach (var (user, agency, role) in new[] { ("r-scjg-leader", "scjg", "leader"), ("r-scjg-staff", "scjg", "staff"), ("r-gaj-staff", "gaj", "staff"),
                     ("r-gaj-leader", "gaj", "leader"), ("r-jcy-staff", "jcy", "staff"), ("r-hbj-staff", "hbj", "staff") })
            await factory.CreateUserAsync(user, agency, [role], Password);
        return new Parties(await factory.SignInAsync("r-scjg-leader", Password), await factory.SignInAsync("r-scjg-staff", Password),
            await factory.SignInAsync("r-gaj-staff", Password), await factory.SignInAsync("r-gaj-leader", Password),
            await factory.SignInAsync("r-jcy-staff", Password), await factory.SignInAsync("r-hbj-staff", Password));
    }

    private async Task<(Guid Case, string File)> StartAsync(Parties p, int number)
    {
        var started = await p.Staff.PostAsync("/api/instances", Json($$"""
            {
              "definitionId": "criminal-referral",
              "input": {
                "agency": "scjg", "caseNo": "市监刑移〔2026〕{{number}}号", "caseName": "某公司销售伪劣产品案{{number}}",
                "suspect": "某食品有限公司", "suspectedCrime": "生产、销售伪劣产品罪", "thresholdFacts": "销售金额52万元",
                "evidenceSummary": "现场检查笔录、销售台账", "itemList": "伪劣食品1200箱"
              }
            }
            """));
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());
        var uploaded = await p.Staff.PostAsync($"/api/cases/{id}/attachments",
            UploadBodies.Form(new ByteArrayContent(UploadBodies.Pdf(2000, number)), $"移送材料{number}.pdf", "application/pdf"));
        uploaded.StatusCode.Should().Be(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        return (id, (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private async Task CompleteAsync(HttpClient client, Guid instance, string activityId, string outcome, string data)
    {
        var tasks = (await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonArray>($"/api/tasks?instanceId={instance}&status=open&take=500"))!;
        var task = tasks.SingleOrDefault(t => t!["activityId"]!.GetValue<string>() == activityId)
            ?? throw new InvalidOperationException($"No open {activityId} in {instance}: {tasks.ToJsonString()}");
        var response = await client.PostAsync($"/api/tasks/{task["id"]}/complete", Json($$"""{ "outcome": "{{outcome}}", "data": {{data}} }"""));
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{activityId} → {outcome}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Team, report, approval, transfer with the five documents, receipt: the case waits on the police's review.</summary>
    private async Task<(Guid Case, string File)> ReferredAsync(Parties p, int number)
    {
        var (id, file) = await StartAsync(p, number);
        await CompleteAsync(p.Leader, id, "appointTeam", "appointed", """{ "teamMembers": "张三、李四" }""");
        await CompleteAsync(p.Staff, id, "teamReport", "submitted", $$"""{ "verification": "经核实，销售金额52万元", "report": "{{file}}" }""");
        await CompleteAsync(p.Leader, id, "headDecision", "approve", """{ "opinion": "同意移送" }""");
        await CompleteAsync(p.Staff, id, "transfer", "transferred", $$"""
            { "transferLetter": "{{file}}", "investigationReport": "{{file}}", "itemList": "{{file}}", "testingReport": "{{file}}", "otherMaterials": ["{{file}}"] }
            """);
        await CompleteAsync(p.PoliceStaff, id, "receipt", "accept", $$"""{ "receiptForm": "{{file}}" }""");
        return (id, file);
    }

    private async Task NotFiledAsync(Parties p, Guid id, string file) =>
        await CompleteAsync(p.PoliceLeader, id, "policeReview", "notFile", $$"""
            { "notFiledReasons": "情节显著轻微", "notFiledNotice": "{{file}}", "returnedMaterials": "案卷一册" }
            """);

    private static async Task<JsonObject> ReferralsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/statistics"))!["referrals"]!.AsObject();

    [Fact]
    public async Task Referred_filed_not_filed_and_under_supervision_are_counted_for_the_parties_only()
    {
        var p = await PartiesAsync();

        var (filed, filedFile) = await ReferredAsync(p, 1);
        await CompleteAsync(p.PoliceLeader, filed, "policeReview", "file", $$"""{ "filingNotice": "{{filedFile}}" }""");

        var (accepted, acceptedFile) = await ReferredAsync(p, 2);
        await NotFiledAsync(p, accepted, acceptedFile);
        await CompleteAsync(p.Leader, accepted, "notFiledResponse", "acceptDecision", """{ "note": "无异议" }""");

        var (supervised, supervisedFile) = await ReferredAsync(p, 3);
        await NotFiledAsync(p, supervised, supervisedFile);
        await CompleteAsync(p.Leader, supervised, "notFiledResponse", "suggestSupervision", $$"""{ "supervisionSuggestion": "{{supervisedFile}}" }""");

        await ReferredAsync(p, 4);

        var (refused, _) = await StartAsync(p, 5);
        await CompleteAsync(p.Leader, refused, "appointTeam", "appointed", """{ "teamMembers": "王五、赵六" }""");
        await CompleteAsync(p.Staff, refused, "teamReport", "submitted", """{ "verification": "未达追诉标准", "report": "x" }""");
        await CompleteAsync(p.Leader, refused, "headDecision", "refuse", """{ "refusalReasons": "未达到刑事追诉标准" }""");

        var admin = await ReferralsAsync(factory.CreateAuthorizedClient());
        admin["cases"]!.GetValue<int>().Should().Be(5);
        admin["referred"]!.GetValue<int>().Should().Be(4);
        admin["filed"]!.GetValue<int>().Should().Be(1);
        admin["notFiled"]!.GetValue<int>().Should().Be(2);
        admin["underSupervision"]!.GetValue<int>().Should().Be(1);
        admin["supervisionSuggested"]!.GetValue<int>().Should().Be(1);
        admin["filingNotified"]!.GetValue<int>().Should().Be(0);
        admin["awaitingDecision"]!.GetValue<int>().Should().Be(1);
        admin["transferRefused"]!.GetValue<int>().Should().Be(1);
        admin["filingRate"]!.GetValue<double>().Should().Be(0.25);

        // The referring agency sees all five; the police and the procuratorate the four transferred to them (through
        // their receipt and copy tasks); an unrelated agency none.
        (await ReferralsAsync(p.Staff)).ToJsonString().Should().Be(admin.ToJsonString());
        foreach (var party in new[] { p.PoliceStaff, p.Procuratorate })
        {
            var seen = await ReferralsAsync(party);
            seen["cases"]!.GetValue<int>().Should().Be(4);
            seen["referred"]!.GetValue<int>().Should().Be(4);
            seen["filed"]!.GetValue<int>().Should().Be(1);
            seen["transferRefused"]!.GetValue<int>().Should().Be(0);
        }
        var unrelated = await ReferralsAsync(p.Unrelated);
        unrelated["cases"]!.GetValue<int>().Should().Be(0);
        unrelated["referred"]!.GetValue<int>().Should().Be(0);
        unrelated["filingRate"].Should().BeNull("nothing was referred");

        // The statistics also count the referrals by process and status.
        var report = (await factory.CreateAuthorizedClient().GetFromJsonAsync<JsonObject>("/api/statistics?agency=jcy"))!;
        report["byProcess"]!.AsArray().Single()!["definitionId"]!.GetValue<string>().Should().Be("criminal-referral");
        report["totalCases"]!.GetValue<int>().Should().Be(4);
    }
}
