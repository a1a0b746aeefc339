using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.State;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Review.ReviewKit;
using R = ConsultFlow.Workflows.Tests.Infrastructure.Agencies.Roles;

namespace ConsultFlow.Workflows.Tests.Review;

/// <summary>DOMAIN.md F: legal review of major decisions (重大执法决定法制审核), scenario 18 and every branch of legal-review.json.</summary>
public sealed class LegalReviewTests
{
    private const string Definition = "legal-review";
    private const string ReviewBasis = "《行政处罚法》第五十八条；地方实践5-7个工作日";
    private const string PublicationBasis = "行政执法公示制度（S001 第十二条）";

    private const string AllLawful = """
        "subject": "符合", "jurisdiction": "符合", "facts": "符合", "evidence": "符合",
        "procedure": "符合", "lawApplied": "符合", "discretion": "符合"
        """;

    private const string Pass = $$"""{{{AllLawful}}, "opinion": "事实清楚，证据确凿，程序合法，适用法律正确，裁量适当", "firstTimeReviewer": false}""";

    private const string Problems = """
        {"subject": "符合", "jurisdiction": "符合", "facts": "符合", "evidence": "不符合", "procedure": "符合", "lawApplied": "符合",
         "discretion": "不符合", "opinion": "证据不足，裁量偏重", "problems": "缺少销售数量的证据；罚款数额超出裁量基准", "firstTimeReviewer": false}
        """;

    private const string Signed = """{"decisionNumber": "自然资罚〔2026〕7号", "signedDocument": "file-decision-7"}""";

    private static string Input(bool collective = false, bool penalty = true, string category = "直接关系当事人或者第三人重大权益，经过听证程序") => $$"""
        {
          "handlingAgency": "{{Agencies.NaturalResources}}",
          "caseNumber": "自然资立〔2026〕15号",
          "caseName": "某公司非法占用耕地案",
          "party": "某物流有限公司",
          "majorCategory": "{{category}}",
          "draftDecision": "责令退还非法占用的土地，限期拆除新建建筑物，并处罚款60万元",
          "draftDocument": "file-draft-1",
          "collectiveDiscussion": {{(collective ? "true" : "false")}},
          "isPenaltyDecision": {{(penalty ? "true" : "false")}}
        }
        """;

    private static async Task<(DomainHarness H, Guid Id)> SubmittedAsync(bool collective = false, bool penalty = true)
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync(Definition, Input(collective, penalty), by: DomainHarness.User(Agencies.NaturalResources, R.Staff));
        return (h, started.InstanceId);
    }

    [Fact]
    public async Task Scenario18_a_major_decision_without_a_passed_legal_review_cannot_be_signed()
    {
        var (h, id) = await SubmittedAsync();

        var review = await h.TaskAsync(id, "legalReview");
        (review.AssigneeAgency, review.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Legal));
        // Monday 2 March + 5 working days = Monday 9 March, ends at 24:00.
        review.DueAt.Should().Be(At(2026, 3, 10));
        review.LegalBasis.Should().Be(ReviewBasis);
        (await h.OpenActivitiesAsync(id)).Should().Equal("legalReview");

        await h.CompleteAsync(review, "problems", Problems);
        (await h.OpenActivitiesAsync(id)).Should().Equal("returnToUnit");
        var back = await h.TaskAsync(id, "returnToUnit");
        (back.AssigneeAgency, back.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Staff));

        await h.CompleteAsync(back, "resubmit", """{"revisedDraft": "责令退还土地，限期拆除，并处罚款40万元", "response": "已补充销售数量证据，罚款按裁量基准调整"}""");
        (await h.OpenActivitiesAsync(id)).Should().Equal("legalReview");
        (await h.StateAsync(id)).Variables["legalReviewPassedAt"].Should().BeNull("nothing has passed yet");

        await h.CompleteAsync(id, "legalReview", "pass", Pass);
        var sign = await h.TaskAsync(id, "sign");
        (sign.AssigneeAgency, sign.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Leader));
        sign.Title.Zh.Should().Be("签发决定：某公司非法占用耕地案");
        (await h.StateAsync(id)).Variables["legalReviewPassedAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task Scenario18_the_sign_step_is_reachable_only_through_a_valid_pass_of_the_legal_review()
    {
        var path = Path.Combine(DomainHarness.RepositoryRoot, "Workflows", "legal-review.json");
        var definition = WorkflowJson.ParseDefinition(await File.ReadAllTextAsync(path));
        var connections = definition.Flowchart.Connections;

        IReadOnlySet<string> Reachable(string from, Func<Connection, bool> allowed)
        {
            var seen = new HashSet<string> { from };
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var current))
                foreach (var next in connections.Where(c => c.Source == current && allowed(c)).Select(c => c.Target))
                    if (seen.Add(next)) queue.Enqueue(next);
            return seen;
        }

        Reachable("start", _ => true).Should().Contain("sign");
        Reachable("start", c => !(c.Source == "legalReview" && c.Outcome == "pass")).Should().NotContain("sign");
        Reachable("start", c => !(c.Source == "passRecordValid" && c.Outcome == "True")).Should().NotContain("sign");
        // After a revision the decision goes back through the review: no way around a new pass.
        Reachable("returnToUnit", c => !(c.Source == "legalReview" && c.Outcome == "pass")).Should().NotContain("sign");
        connections.Where(c => c.Target == "sign").Select(c => c.Source).Should().OnlyContain(s => s == "needsCollectiveDiscussion" || s == "collectiveDiscussion");
    }

    [Fact]
    public async Task Returning_with_problems_requires_the_problems_in_writing_and_every_check_item()
    {
        var (h, id) = await SubmittedAsync();
        var review = await h.TaskAsync(id, "legalReview");

        (await h.RejectedFieldsAsync(review, "problems", """{"opinion": "有问题", "firstTimeReviewer": false}"""))
            .Should().BeEquivalentTo("data.subject", "data.jurisdiction", "data.facts", "data.evidence", "data.procedure", "data.lawApplied", "data.discretion", "data.problems");
        (await h.RejectedFieldsAsync(review, "problems", $$"""{{{AllLawful}}, "opinion": "裁量偏重", "firstTimeReviewer": false}""")).Should().Equal("data.problems");
    }

    [Fact]
    public async Task A_first_time_reviewer_without_a_legal_profession_certificate_cannot_pass_the_decision()
    {
        var (h, id) = await SubmittedAsync();

        await h.CompleteAsync(id, "legalReview", "pass", $$"""{{{AllLawful}}, "opinion": "同意", "firstTimeReviewer": true}""");

        (await h.OpenActivitiesAsync(id)).Should().Equal(["legalReview"], "the pass record is void and the review is taken again");
        (await h.StateAsync(id)).Variables["legalReviewPassedAt"].Should().BeNull();

        await h.CompleteAsync(id, "legalReview", "pass", $$"""{{{AllLawful}}, "opinion": "同意", "firstTimeReviewer": true, "certificateNumber": "A20215300000123"}""");
        (await h.OpenActivitiesAsync(id)).Should().Equal("sign");
    }

    [Fact]
    public async Task A_pass_with_a_check_item_marked_unlawful_is_not_a_pass()
    {
        var (h, id) = await SubmittedAsync();

        await h.CompleteAsync(id, "legalReview", "pass", Problems.Replace("\"problems\": \"缺少销售数量的证据；罚款数额超出裁量基准\", ", ""));

        (await h.OpenActivitiesAsync(id)).Should().Equal("legalReview");
    }

    [Fact]
    public async Task An_overdue_legal_review_raises_a_red_alert_and_signs_nothing()
    {
        var (h, id) = await SubmittedAsync();
        var review = await h.TaskAsync(id, "legalReview");

        await h.AdvanceToAsync(At(2026, 3, 9, 23, 59));
        (await h.AlertsAsync(id)).Should().BeEmpty();
        await h.AdvanceToAsync(At(2026, 3, 10));

        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        Level(alert).Should().Be("red");
        Recipients(alert).Should().Contain((Agencies.CoordinationOffice, R.Coordinator));
        alert["taskId"]!.GetValue<string>().Should().Be(review.Id.ToString());
        alert["legalBasis"]!.GetValue<string>().Should().Be(ReviewBasis);
        (await h.OpenActivitiesAsync(id)).Should().Equal("legalReview");
    }

    [Fact]
    public async Task Collective_discussion_comes_after_the_pass_and_a_head_deciding_against_the_majority_must_give_reasons()
    {
        var (h, id) = await SubmittedAsync(collective: true);
        await h.CompleteAsync(id, "legalReview", "pass", Pass);

        var discussion = await h.TaskAsync(id, "collectiveDiscussion");
        (discussion.AssigneeAgency, discussion.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Leader));
        (await h.OpenActivitiesAsync(id)).Should().Equal("collectiveDiscussion");

        const string record = """
            "meetingDate": "2026-03-03", "participants": "局长、副局长3人", "discussionRecord": "逐一发表意见",
            "majorityOpinion": "同意按拟作出的决定处罚"
            """;
        (await h.RejectedFieldsAsync(discussion, "decideAgainstMajority", $$"""{{{record}}}""")).Should().Equal("data.reasonsAgainstMajority");

        await h.CompleteAsync(discussion, "decideAgainstMajority", $$"""{{{record}}, "reasonsAgainstMajority": "当事人已主动退还部分土地，应从轻处罚"}""");
        (await h.OpenActivitiesAsync(id)).Should().Equal("sign");
    }

    [Fact]
    public async Task Collective_discussion_following_the_majority_leads_to_signing()
    {
        var (h, id) = await SubmittedAsync(collective: true);
        await h.CompleteAsync(id, "legalReview", "pass", Pass);

        await h.CompleteAsync(id, "collectiveDiscussion", "followMajority",
            """{"meetingDate": "2026-03-03", "participants": "局长、副局长3人", "discussionRecord": "一致同意", "majorityOpinion": "同意"}""");

        (await h.OpenActivitiesAsync(id)).Should().Equal("sign");
    }

    [Fact]
    public async Task A_signed_penalty_decision_is_published_within_7_working_days()
    {
        var (h, id) = await SubmittedAsync();
        await h.CompleteAsync(id, "legalReview", "pass", Pass);
        var sign = await h.TaskAsync(id, "sign");
        (await h.RejectedFieldsAsync(sign, "sign")).Should().BeEquivalentTo("data.decisionNumber", "data.signedDocument");

        // Signed on Tuesday 28 April: 29, 30 April, (1-5 May off), 6, 7, 8, Saturday 9 May (make-up working day), 11 May.
        await h.AdvanceToAsync(At(2026, 4, 28, 9));
        await h.CompleteAsync(sign, "sign", Signed);

        var publish = await h.TaskAsync(id, "publish");
        (publish.AssigneeAgency, publish.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Staff));
        publish.DueAt.Should().Be(At(2026, 5, 12));
        publish.LegalBasis.Should().Be(PublicationBasis);

        (await h.RejectedFieldsAsync(publish, "published")).Should().BeEquivalentTo("data.publishedAt", "data.location");
        var done = await h.CompleteAsync(publish, "published", """{"publishedAt": "2026-04-30", "location": "区政府门户网站行政执法公示专栏"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["decisionNumber"]!.GetValue<string>().Should().Be("自然资罚〔2026〕7号");
        done.Output["legalReviewPassedAt"].Should().NotBeNull();
        (await h.AlertsAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unpublished_penalty_decision_turns_red_and_may_be_withheld_only_with_reasons()
    {
        var (h, id) = await SubmittedAsync();
        await h.CompleteAsync(id, "legalReview", "pass", Pass);
        await h.CompleteAsync(id, "sign", "sign", Signed);
        var publish = await h.TaskAsync(id, "publish");
        // Signed Monday 2 March: 3, 4, 5, 6, 9, 10, 11 March → due at 24:00 of 11 March.
        publish.DueAt.Should().Be(At(2026, 3, 12));

        await h.AdvanceToAsync(At(2026, 3, 12));
        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        Level(alert).Should().Be("red");
        alert["legalBasis"]!.GetValue<string>().Should().Be(PublicationBasis);

        (await h.RejectedFieldsAsync(publish, "notPublished")).Should().Equal("data.reasons");
        var done = await h.CompleteAsync(publish, "notPublished", """{"reasons": "涉及个人隐私，依法不予公开"}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
    }

    [Fact]
    public async Task A_major_decision_that_is_not_a_penalty_is_not_published()
    {
        var (h, id) = await SubmittedAsync(penalty: false);
        await h.CompleteAsync(id, "legalReview", "pass", Pass);

        var done = await h.CompleteAsync(id, "sign", "sign", Signed);

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["decisionNumber"]!.GetValue<string>().Should().Be("自然资罚〔2026〕7号");
        (await h.OpenActivitiesAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_decision_revised_at_signing_voids_the_pass_and_must_be_reviewed_again()
    {
        var (h, id) = await SubmittedAsync();
        await h.CompleteAsync(id, "legalReview", "pass", Pass);
        var sign = await h.TaskAsync(id, "sign");

        (await h.RejectedFieldsAsync(sign, "revise")).Should().Equal("data.revisionReasons");
        await h.CompleteAsync(sign, "revise", """{"revisionReasons": "罚款数额请再斟酌"}""");

        (await h.StateAsync(id)).Variables["legalReviewPassedAt"].Should().BeNull();
        (await h.OpenActivitiesAsync(id)).Should().Equal("returnToUnit");
        await h.CompleteAsync(id, "returnToUnit", "resubmit", """{"revisedDraft": "罚款50万元", "response": "按负责人意见调整"}""");
        (await h.OpenActivitiesAsync(id)).Should().Equal("legalReview");

        await h.CompleteAsync(id, "legalReview", "pass", Pass);
        (await h.OpenActivitiesAsync(id)).Should().Equal("sign");
    }

    [Fact]
    public async Task The_handling_unit_may_withdraw_a_returned_decision_with_reasons()
    {
        var (h, id) = await SubmittedAsync();
        await h.CompleteAsync(id, "legalReview", "problems", Problems);
        var back = await h.TaskAsync(id, "returnToUnit");

        (await h.RejectedFieldsAsync(back, "resubmit")).Should().BeEquivalentTo("data.revisedDraft", "data.response");
        (await h.RejectedFieldsAsync(back, "withdraw")).Should().Equal("data.withdrawReasons");
        var done = await h.CompleteAsync(back, "withdraw", """{"withdrawReasons": "当事人已自行整改，改为责令改正"}""");

        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("withdrawn");
    }

    [Fact]
    public async Task A_decision_that_is_not_one_of_the_four_major_categories_is_refused_at_the_start()
    {
        var h = await DomainHarness.CreateAsync();

        var start = () => h.StartAsync(Definition, Input(category: "其他"));

        (await start.Should().ThrowAsync<ConsultFlow.Engine.Runtime.EngineException>()).Which.Errors.Single().Field.Should().Be("input.majorCategory");
        (await h.Instances.ListInstancesAsync(new())).Should().BeEmpty();
    }

    [Theory]
    [InlineData("涉及重大公共利益")]
    [InlineData("直接关系当事人或者第三人重大权益，经过听证程序")]
    [InlineData("案件情况疑难复杂、涉及多个法律关系")]
    [InlineData("法律、法规规定应当进行法制审核的其他情形")]
    public async Task Each_of_the_four_categories_of_article_58_goes_to_legal_review(string category)
    {
        var h = await DomainHarness.CreateAsync();

        var started = await h.StartAsync(Definition, Input(category: category));

        (await h.OpenActivitiesAsync(started.InstanceId)).Should().Equal("legalReview");
    }

    [Fact]
    public async Task A_major_decision_without_its_draft_or_category_is_rejected_naming_the_inputs()
    {
        var h = await DomainHarness.CreateAsync();

        var rejected = await h.RejectedInputsAsync(Definition, """{"handlingAgency": "zrzy", "caseNumber": "自然资立〔2026〕15号", "caseName": "某案", "party": "某公司"}""");

        rejected.Should().BeEquivalentTo("input.majorCategory", "input.draftDecision");
    }
}
