using ConsultFlow.Engine.State;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Workflows.Tests.Infrastructure;
using static ConsultFlow.Workflows.Tests.Review.ReviewKit;
using R = ConsultFlow.Workflows.Tests.Infrastructure.Agencies.Roles;

namespace ConsultFlow.Workflows.Tests.Review;

/// <summary>DOMAIN.md E: assistance request (协查函), scenario 17 and every branch of assistance-request.json.</summary>
public sealed class AssistanceRequestTests
{
    private const string Definition = "assistance-request";
    private const string ReplyBasis = "《行政处罚法》第二十六条；期限参照上海做法（可配置）";

    private static string Input(string extra = "") => $$"""
        {
          "requestingAgency": "{{Agencies.MarketRegulation}}",
          "targetAgency": "{{Agencies.NaturalResources}}",
          "caseNumber": "市监立〔2026〕21号",
          "caseCause": "涉嫌非法占地建设仓库",
          "party": "某物流有限公司",
          "requestCategory": "证明事实所需证据",
          "requestedItems": "涉案地块的土地权属及用途证明",
          "legalBasis": "《行政处罚法》第二十六条",
          "contactName": "张三",
          "contactPhone": "0878-1234567"{{extra}}
        }
        """;

    private static async Task<(DomainHarness H, Guid Id)> RequestedAsync(string extra = "")
    {
        var h = await DomainHarness.CreateAsync();
        var started = await h.StartAsync(Definition, Input(extra));
        return (h, started.InstanceId);
    }

    /// <summary>The target asks to extend to 20 March; the requester answers.</summary>
    private static async Task<HumanTask> ExtensionRequestedAsync(DomainHarness h, Guid id)
    {
        await h.CompleteAsync(id, "reply", "requestExtension", """{"extensionReason": "权属档案在市局调阅中", "newDate": "2026-03-20"}""");
        return await h.TaskAsync(id, "decideExtension");
    }

    [Fact]
    public async Task Scenario17_an_assistance_request_unanswered_by_its_deadline_turns_red_escalates_and_stays_open()
    {
        var (h, id) = await RequestedAsync();

        var reply = await h.TaskAsync(id, "reply");
        (reply.AssigneeAgency, reply.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Contact));
        // Monday 2 March + 10 calendar days = Thursday 12 March, ends at 24:00.
        reply.DueAt.Should().Be(At(2026, 3, 13));
        reply.LegalBasis.Should().Be(ReplyBasis);

        await h.AdvanceToAsync(At(2026, 3, 12, 23, 59));
        (await h.AlertsAsync(id)).Should().BeEmpty();

        await h.AdvanceToAsync(At(2026, 3, 13));
        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        Level(alert).Should().Be("red");
        Recipients(alert).Should().Contain((Agencies.CoordinationOffice, R.Coordinator)).And.Contain((Agencies.CoordinationOffice, R.Leader));
        alert["taskId"]!.GetValue<string>().Should().Be(reply.Id.ToString());
        alert["legalBasis"]!.GetValue<string>().Should().Be(ReplyBasis);

        // The request stays open: the same reply task still waits, nothing was closed by the clock.
        (await h.Instances.GetTaskAsync(reply.Id))!.Status.Should().Be(HumanTaskStatus.Open);
        (await h.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);

        var done = await h.CompleteAsync(reply, "provided", """{"materials": ["file-land-title"], "replyText": "附土地权属证明"}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("provided");
    }

    [Fact]
    public async Task Scenario17_a_cannot_provide_reply_without_reasons_is_rejected()
    {
        var (h, id) = await RequestedAsync();
        var reply = await h.TaskAsync(id, "reply");

        (await h.RejectedFieldsAsync(reply, "cannotProvide")).Should().Equal("data.reasons");
        (await h.RejectedFieldsAsync(reply, "cannotProvide", """{"reasons": "   "}""")).Should().Equal("data.reasons");
        (await h.Instances.GetTaskAsync(reply.Id))!.Status.Should().Be(HumanTaskStatus.Open);

        var done = await h.CompleteAsync(reply, "cannotProvide", """{"reasons": "涉案地块不在本局登记范围内，无相关档案"}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("cannotProvide");
    }

    [Fact]
    public async Task A_provided_reply_must_carry_the_materials()
    {
        var (h, id) = await RequestedAsync();
        var reply = await h.TaskAsync(id, "reply");

        (await h.RejectedFieldsAsync(reply, "provided", """{"replyText": "已查"}""")).Should().Equal("data.materials");

        var done = await h.CompleteAsync(reply, "provided", """{"materials": ["file-1", "file-2"]}""");
        done.Output!["result"]!.GetValue<string>().Should().Be("provided");
    }

    [Fact]
    public async Task A_request_without_case_party_items_basis_or_contact_is_rejected_naming_the_inputs()
    {
        var h = await DomainHarness.CreateAsync();

        var rejected = await h.RejectedInputsAsync(Definition, """{"requestingAgency": "scjg", "targetAgency": "zrzy", "caseNumber": "市监立〔2026〕21号"}""");

        rejected.Should().BeEquivalentTo(
            "input.caseCause", "input.party", "input.requestCategory", "input.requestedItems", "input.legalBasis", "input.contactName", "input.contactPhone");
    }

    [Fact]
    public async Task The_requester_may_set_another_reply_period_instead_of_the_profile_rule()
    {
        var (h, id) = await RequestedAsync(""", "replyPeriod": {"amount": 5, "unit": "workingDays", "legalBasis": "协查函载明的答复期限"}""");

        var reply = await h.TaskAsync(id, "reply");

        // Monday 2 March + 5 working days = Monday 9 March, ends at 24:00.
        reply.DueAt.Should().Be(At(2026, 3, 10));
        reply.LegalBasis.Should().Be("协查函载明的答复期限");
    }

    [Fact]
    public async Task An_extension_request_needs_a_reason_and_a_new_date()
    {
        var (h, id) = await RequestedAsync();
        var reply = await h.TaskAsync(id, "reply");

        (await h.RejectedFieldsAsync(reply, "requestExtension")).Should().BeEquivalentTo("data.extensionReason", "data.newDate");
        (await h.RejectedFieldsAsync(reply, "requestExtension", """{"extensionReason": "档案调阅中", "newDate": "下周"}""")).Should().Equal("data.newDate");
    }

    [Fact]
    public async Task An_accepted_extension_continues_the_wait_with_the_new_date_and_an_answer_in_time_closes_it()
    {
        var (h, id) = await RequestedAsync();
        var decide = await ExtensionRequestedAsync(h, id);
        (decide.AssigneeAgency, decide.AssigneeRole).Should().Be((Agencies.MarketRegulation, R.Contact));
        decide.Title.Zh.Should().Contain("2026-03-20");

        await h.CompleteAsync(decide, "accept");

        var reply = await h.TaskAsync(id, "replyExtended");
        (reply.AssigneeAgency, reply.AssigneeRole).Should().Be((Agencies.NaturalResources, R.Contact));
        reply.Title.Zh.Should().Contain("2026-03-20");
        (await h.TimerAsync(id, "extendedDeadline"))!.DueAt.Should().Be(At(2026, 3, 21), "a date means 24:00 of that day");

        // The original 12 March deadline no longer applies.
        await h.AdvanceToAsync(At(2026, 3, 15));
        (await h.AlertsAsync(id)).Should().BeEmpty();

        var done = await h.CompleteAsync(reply, "provided", """{"materials": ["file-land-title"]}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("provided");
        (await h.TimerAsync(id, "extendedDeadline")).Should().BeNull();
        await h.AdvanceToAsync(At(2026, 3, 22));
        (await h.AlertsAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Unanswered_by_the_extended_date_turns_red_escalates_and_the_request_stays_open()
    {
        var (h, id) = await RequestedAsync();
        var decide = await ExtensionRequestedAsync(h, id);
        await h.CompleteAsync(decide, "accept");

        await h.AdvanceToAsync(At(2026, 3, 20, 23, 59));
        (await h.AlertsAsync(id)).Should().BeEmpty();
        await h.AdvanceToAsync(At(2026, 3, 21));

        var alert = (await h.AlertsAsync(id)).Should().ContainSingle().Subject;
        Level(alert).Should().Be("red");
        Recipients(alert).Should().Equal(
            (Agencies.MarketRegulation, R.Contact), (Agencies.CoordinationOffice, R.Coordinator), (Agencies.CoordinationOffice, R.Leader));
        alert["legalBasis"]!.GetValue<string>().Should().Be(ReplyBasis);
        var reply = await h.TaskAsync(id, "replyExtended");
        (await h.StateAsync(id)).Status.Should().Be(WorkflowStatus.Suspended);

        (await h.RejectedFieldsAsync(reply, "cannotProvide")).Should().Equal("data.reasons");
        var done = await h.CompleteAsync(reply, "cannotProvide", """{"reasons": "市局档案无该地块记录"}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("cannotProvide");
    }

    [Fact]
    public async Task A_refused_extension_needs_reasons_and_a_date_and_the_wait_continues_with_that_date()
    {
        var (h, id) = await RequestedAsync();
        var decide = await ExtensionRequestedAsync(h, id);

        (await h.RejectedFieldsAsync(decide, "refuse")).Should().BeEquivalentTo("data.refusalReasons", "data.replyBy");
        await h.CompleteAsync(decide, "refuse", """{"refusalReasons": "案件办理期限紧迫", "replyBy": "2026-03-12"}""");

        var reply = await h.TaskAsync(id, "replyExtended");
        reply.Title.Zh.Should().Contain("2026-03-12");
        (await h.TimerAsync(id, "extendedDeadline"))!.DueAt.Should().Be(At(2026, 3, 13));

        await h.AdvanceToAsync(At(2026, 3, 13));
        (await h.AlertsAsync(id)).Should().ContainSingle().Which["level"]!.GetValue<string>().Should().Be("red");
        (await h.OpenActivitiesAsync(id)).Should().Equal("replyExtended");
    }

    [Fact]
    public async Task A_second_extension_request_goes_back_to_the_requester_and_the_newest_date_applies()
    {
        var (h, id) = await RequestedAsync();
        await h.CompleteAsync(await ExtensionRequestedAsync(h, id), "accept");

        await h.CompleteAsync(id, "replyExtended", "requestExtension", """{"extensionReason": "市局档案仍未调回", "newDate": "2026-03-31"}""");

        (await h.TimerAsync(id, "extendedDeadline")).Should().BeNull("the old date's timer ends with the answer");
        var decide = await h.TaskAsync(id, "decideExtension");
        decide.Title.Zh.Should().Contain("2026-03-31");
        await h.CompleteAsync(decide, "accept");
        (await h.TimerAsync(id, "extendedDeadline"))!.DueAt.Should().Be(At(2026, 4, 1));

        // The first extended date (20 March) passes without an alert: only the newest date counts.
        await h.AdvanceToAsync(At(2026, 3, 25));
        (await h.AlertsAsync(id)).Should().BeEmpty();

        var done = await h.CompleteAsync(id, "replyExtended", "provided", """{"materials": ["file-land-title"]}""");
        done.Status.Should().Be(WorkflowStatus.Completed);
        done.Output!["result"]!.GetValue<string>().Should().Be("provided");
    }
}
