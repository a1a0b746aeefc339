using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Server.Tests.EndToEnd;
using static ConsultFlow.Server.Tests.EndToEnd.CaseSteps;

namespace ConsultFlow.Server.Tests.Documents;

/// <summary>
/// The formal documents over real HTTP, drawn up from real cases of the shipped processes and opened with the Open XML
/// SDK: the text carries the case's own data, the file passes the SDK's schema validation, a document that cannot yet
/// be drawn up is a 409 naming why, and someone not party to the case gets 404 for the list and every document.
/// </summary>
public sealed class DocumentTests(SqliteLoopbackServer server) : IClassFixture<SqliteLoopbackServer>
{
    private const string Police = "石嘴山市公安局大武口区分局";
    private const string Procuratorate = "大武口区人民检察院";
    private const string MarketRegulation = "大武口区市场监督管理局";

    private static async Task<DocxText> DownloadAsync(UserSession user, Guid id, string kind, string fileNameStart)
    {
        var response = await user.GetAsync($"/api/cases/{id}/documents/{kind}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith(fileNameStart).And.EndWith(".docx");
        var document = DocxText.Open(await response.Content.ReadAsByteArrayAsync());
        document.SchemaErrors.Should().BeEmpty();
        return document;
    }

    private static async Task<JsonObject> ListedAsync(UserSession user, Guid id, string kind) =>
        (await user.GetJsonAsync($"/api/cases/{id}/documents")).AsArray().Select(d => d!.AsObject()).Single(d => d["kind"]!.GetValue<string>() == kind);

    [Fact]
    public async Task The_referral_letter_and_the_reconsideration_request_carry_the_case_and_reach_only_its_parties()
    {
        using var staff = await server.SignInAsync("scjg-staff");
        using var leader = await server.SignInAsync("scjg-leader");
        using var prosecutor = await server.SignInAsync("jcy-staff");
        using var police = await server.SignInAsync("gaj-staff");
        using var policeLeader = await server.SignInAsync("gaj-leader");
        using var outsider = await server.SignInAsync("zrzy-staff");
        var caseNo = $"SCJG-YS-{Guid.NewGuid():N}"[..20];
        var id = await StartAsync(staff, "criminal-referral", new JsonObject
        {
            ["agency"] = "scjg",
            ["caseNo"] = caseNo,
            ["caseName"] = "某食品公司生产销售不符合安全标准的食品案",
            ["suspect"] = "某食品有限公司",
            ["suspectedCrime"] = "生产、销售不符合安全标准的食品罪",
            ["thresholdFacts"] = "抽检致病菌超标，涉案货值金额约12万元。",
            ["evidenceSummary"] = "抽样检验报告、现场检查笔录、询问笔录、销售台账。",
            ["itemList"] = "查封冷冻肉制品320箱",
            ["testingReport"] = "宁食检〔2026〕118号",
        });

        // Before the head approves there is no letter to send: listed as unavailable, and a 409 naming why.
        var before = await ListedAsync(staff, id, "referral-letter");
        before["available"]!.GetValue<bool>().Should().BeFalse();
        before["unavailableReason"]!.GetValue<string>().Should().Contain("负责人批准");
        await (await staff.GetAsync($"/api/cases/{id}/documents/referral-letter")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "kind");
        await (await staff.GetAsync($"/api/cases/{id}/documents/minutes")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "kind");

        await CompleteAsync(leader, id, "appointTeam", "appointed", new JsonObject { ["teamMembers"] = "张三、李四", ["certificateNos"] = "64020001、64020002" });
        await CompleteAsync(staff, id, "teamReport", "submitted", new JsonObject { ["verification"] = "经核实，达到刑事追诉标准。", ["report"] = "att-report" });
        await CompleteAsync(leader, id, "headDecision", "approve", new JsonObject { ["opinion"] = "同意移送公安分局。" });

        var letter = await DownloadAsync(staff, id, "referral-letter", "涉嫌犯罪案件移送书-" + caseNo);
        letter.Paragraphs.Should().Contain(["大武口区市场监督管理局", "涉嫌犯罪案件移送书", $"案件编号：{caseNo}", Police + "："]);
        letter.All.Should().Contain("某食品有限公司涉嫌生产、销售不符合安全标准的食品罪")
            .And.Contain("某食品公司生产销售不符合安全标准的食品案")
            .And.Contain("抽检致病菌超标，涉案货值金额约12万元。")
            .And.Contain("专案组成员：张三、李四")
            .And.Contain("执法证件号：64020001、64020002")
            .And.Contain("负责人审批意见：同意移送公安分局。")
            .And.Contain("涉案物品清单：查封冷冻肉制品320箱")
            .And.Contain("有关检验报告或者鉴定结论：宁食检〔2026〕118号")
            .And.Contain("国务院令第310号")
            .And.Contain(MarketRegulation + "（印章）")
            .And.Contain("抄送：" + Procuratorate)
            .And.NotContain("null");

        // Not party yet: the police and the procuratorate see no case and no document; an outsider never does.
        foreach (var stranger in new[] { police, prosecutor, outsider })
        {
            (await stranger.GetAsync($"/api/cases/{id}/documents")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await stranger.GetAsync($"/api/cases/{id}/documents/referral-letter")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await CompleteAsync(staff, id, "transfer", "transferred", new JsonObject
        {
            ["transferLetter"] = "att-letter", ["investigationReport"] = "att-investigation", ["itemList"] = "att-items", ["testingReport"] = "att-testing", ["otherMaterials"] = new JsonArray("att-other"),
        });
        // The procuratorate holds its copy task, and with it the case and its letter.
        (await DownloadAsync(prosecutor, id, "referral-letter", "涉嫌犯罪案件移送书")).All.Should().Contain(caseNo);

        (await ListedAsync(staff, id, "reconsideration-request"))["available"]!.GetValue<bool>().Should().BeFalse();
        await CompleteAsync(police, id, "receipt", "accept", new JsonObject { ["receiptForm"] = "att-receipt" });
        await CompleteAsync(policeLeader, id, "policeReview", "notFile", new JsonObject
        {
            ["notFiledReasons"] = "涉案货值金额未达到追诉标准。",
            ["notFiledNotice"] = "att-not-filed",
            ["returnedMaterials"] = "案件材料已退回市场监管局。",
        });
        await CompleteAsync(leader, id, "notFiledResponse", "requestReconsideration", new JsonObject
        {
            ["reconsiderationRequest"] = "att-reconsideration",
            ["note"] = "货值金额经补充鉴定已达到追诉标准，不予立案理由不能成立。",
        });

        var request = await DownloadAsync(leader, id, "reconsideration-request", "提请复议书-" + caseNo);
        request.Paragraphs.Should().Contain(["提请复议书", Police + "："]);
        request.All.Should().Contain("作出不予立案决定，理由为：涉案货值金额未达到追诉标准。")
            .And.Contain("本机关认为：货值金额经补充鉴定已达到追诉标准，不予立案理由不能成立。")
            .And.Contain("第九条")
            .And.Contain("3日内")
            .And.Contain("抄送：" + Procuratorate);
        (await DownloadAsync(police, id, "reconsideration-request", "提请复议书")).All.Should().Contain(caseNo);

        foreach (var kind in new[] { "referral-letter", "reconsideration-request" })
            (await outsider.GetAsync($"/api/cases/{id}/documents/{kind}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/cases/{id}/documents")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/cases/{Guid.NewGuid()}/documents")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_minutes_hold_the_meeting_the_opinions_the_outcome_and_the_task_table_and_are_a_draft_until_approved()
    {
        using var requester = await server.SignInAsync("scjg-contact");
        using var coordinator = await server.SignInAsync("sfj-coordinator");
        using var enforcement = await server.SignInAsync("zhzf-contact");
        using var environment = await server.SignInAsync("sthj-contact");
        using var outsider = await server.SignInAsync("zrzy-contact");
        var subject = $"占道经营执法衔接{Guid.NewGuid():N}"[..16];
        var id = await StartAsync(requester, "consultation", new JsonObject
        {
            ["requestingAgency"] = "scjg",
            ["subject"] = subject,
            ["responsibleLeader"] = "王局长",
            ["contact"] = "李明 13800000000",
            ["background"] = "城区占道经营投诉增多，职责交叉。",
            ["mainContent"] = "明确占道经营中无照经营与占道行为的查处分工。",
            ["disputedPoints"] = "流动摊贩无照经营由谁查处",
        });
        (await ListedAsync(requester, id, "minutes"))["available"]!.GetValue<bool>().Should().BeFalse();

        await CompleteAsync(coordinator, id, "review", "accept", new JsonObject
        {
            ["category"] = "（四）协商解决行政执法过程中遇到的普遍性问题和热点、焦点、难点问题",
            ["participants"] = new JsonArray("zhzf", "sthj"),
            ["format"] = "现场会",
        });
        await CompleteAsync(coordinator, id, "convene", "notify", new JsonObject
        {
            ["meetingDate"] = "2026-03-09T09:30:00+08:00",
            ["place"] = "区司法局三楼会议室",
            ["convener"] = "受委托的副组长（区司法局主要负责人）",
        });
        await CompleteAsync(enforcement, id, "opinion", "agree", new JsonObject { ["opinion"] = "同意分工。" });
        await CompleteAsync(environment, id, "opinion", "disagree", new JsonObject { ["opinion"] = "涉及油烟污染的，应由生态环境分局一并参与。" });
        await CompleteAsync(coordinator, id, "recordOutcome", "consensus", new JsonObject
        {
            ["summary"] = "提请单位介绍背景，各方充分交换意见。",
            ["consensusText"] = "无照经营由市场监管局查处，占道行为由综合执法局查处。",
        });

        var draft = await DownloadAsync(requester, id, "minutes", "会商纪要-" + subject);
        draft.All.Should().Contain("草稿");

        await CompleteAsync(requester, id, "minutesDraft", "submit", new JsonObject { ["minutes"] = "会议由副组长主持，形成如下记录。" });
        await CompleteAsync(requester, id, "taskEntry", "addDated", new JsonObject
        {
            ["seq"] = 1,
            ["task"] = "联合整治占道经营",
            ["measures"] = "每月联合巡查一次。",
            ["responsibleUnits"] = new JsonArray("scjg", "zhzf"),
            ["due"] = "2026-06-30",
        });
        await CompleteAsync(requester, id, "taskEntry", "finish");
        await CompleteAsync(coordinator, id, "minutesApproval", "approve", new JsonObject { ["approvalOpinion"] = "同意印发。" });

        var minutes = await DownloadAsync(enforcement, id, "minutes", "会商纪要-" + subject);
        minutes.Paragraphs.Should().Contain(["会商纪要", subject]);
        minutes.All.Should().NotContain("草稿")
            .And.Contain("会议时间：2026年3月9日 09:30")
            .And.Contain("会议地点：区司法局三楼会议室")
            .And.Contain("会商形式：现场会")
            .And.Contain("提请单位：" + MarketRegulation)
            .And.Contain("参会单位：大武口区综合执法局、石嘴山市生态环境局大武口分局")
            .And.Contain("争议焦点：流动摊贩无照经营由谁查处")
            .And.Contain("同意 1 家，不同意 1 家，未反馈 0 家")
            .And.Contain("结果：形成共识")
            .And.Contain("形成的共识：无照经营由市场监管局查处，占道行为由综合执法局查处。")
            .And.Contain("会议由副组长主持，形成如下记录。")
            .And.Contain("会商工作办公室审定意见：同意印发。");
        minutes.Tables.Should().HaveCount(2);
        minutes.Tables[0].Skip(1).Should().BeEquivalentTo(new[]
        {
            new[] { "1", "大武口区综合执法局", "同意", "同意分工。" },
            new[] { "2", "石嘴山市生态环境局大武口分局", "不同意", "涉及油烟污染的，应由生态环境分局一并参与。" },
        }, o => o.WithStrictOrdering());
        minutes.Tables[1].Skip(1).Should().ContainSingle().Which.Should()
            .Equal("1", "联合整治占道经营", "每月联合巡查一次。", MarketRegulation + "、大武口区综合执法局", "2026年6月30日");

        (await outsider.GetAsync($"/api/cases/{id}/documents/minutes")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_assistance_letter_names_the_request_the_contact_and_the_reply_date_of_the_task()
    {
        using var requester = await server.SignInAsync("scjg-staff");
        using var target = await server.SignInAsync("zrzy-contact");
        using var outsider = await server.SignInAsync("zhzf-staff");
        var caseNumber = $"SCJG-XC-{Guid.NewGuid():N}"[..18];
        var id = await StartAsync(requester, "assistance-request", new JsonObject
        {
            ["requestingAgency"] = "scjg",
            ["targetAgency"] = "zrzy",
            ["caseNumber"] = caseNumber,
            ["caseCause"] = "涉嫌无证采矿",
            ["party"] = "某建材有限公司",
            ["requestCategory"] = "证明事实所需证据",
            ["requestedItems"] = "该公司采矿许可证的核发及变更记录。",
            ["legalBasis"] = "《中华人民共和国行政处罚法》第二十六条",
            ["contactName"] = "赵敏",
            ["contactPhone"] = "0952-2010000",
        });

        var reply = await InboxTaskAsync(target, id, "reply");
        var due = DateTimeOffset.Parse(reply["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var dueDay = TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        var letter = await DownloadAsync(target, id, "assistance-letter", "协查函-" + caseNumber);
        letter.Paragraphs.Should().Contain(["协查函", "大武口区自然资源局：", "该公司采矿许可证的核发及变更记录。"]);
        letter.All.Should().Contain("某建材有限公司涉嫌无证采矿一案")
            .And.Contain("依据《中华人民共和国行政处罚法》第二十六条的规定")
            .And.Contain("请你单位协助提供以下证明事实所需证据")
            .And.Contain($"请于{dueDay.Year}年{dueDay.Month}月{dueDay.Day}日前将协查结果函复本机关")
            .And.Contain("联系人：赵敏")
            .And.Contain("联系电话：0952-2010000")
            .And.Contain(MarketRegulation + "（印章）");
        (await ListedAsync(requester, id, "assistance-letter"))["fileName"]!.GetValue<string>().Should().Be($"协查函-{caseNumber}.docx");
        (await outsider.GetAsync($"/api/cases/{id}/documents/assistance-letter")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
