using System.Net;
using System.Text.Json.Nodes;
using ConsultFlow.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Designer;

/// <summary>
/// The designer end to end in Chromium against the real server: a coordinator builds a small consultation flow by
/// dragging and connecting, sets a human task's form and a decision's condition, sees validation errors pinned on the
/// activities and fixes them, publishes; a case started through the API shows its executed path in the instance viewer.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DesignerFlowTests(WebApp app)
{
    [Fact]
    public async Task A_coordinator_builds_validates_and_publishes_a_flow_and_sees_a_case_run_on_it()
    {
        var definitionId = $"e2e.consultation-{Guid.NewGuid():N}"[..28];
        await using var user = await app.SignInAsync("sfj-coordinator");
        var page = user.Page;
        var canvas = new Canvas(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "流程设计" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("definitions-table")).ToContainTextAsync("examples.simple-consultation");
        await user.ScreenshotAsync("designer-definitions");
        await page.GetByTestId("new-definition").ClickAsync();
        await page.Locator("input[name=definitionId]").FillAsync(definitionId);
        await page.Locator("input[name=definitionName]").FillAsync("端到端会商");

        // Drag four activities from the palette onto the canvas.
        var task = await canvas.DropAsync("HumanTask", 330, 150);
        var decision = await canvas.DropAsync("Decision", 560, 150);
        var large = await canvas.DropAsync("End", 780, 80);
        var small = await canvas.DropAsync("End", 780, 300);

        // The new task lacks its required inputs: the server's validation pins the errors on it, and publishing is refused.
        await Assertions.Expect(canvas.PinnedError(task)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("validation-errors")).ToContainTextAsync("assigneeAgency");
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();

        await canvas.ConnectAsync("start", "Done", task);
        await canvas.SelectAsync(task);
        await canvas.Input("title").Locator("input").First.FillAsync("审核会商申请");
        await canvas.Input("assigneeAgency").Locator("select").SelectOptionAsync("sfj");
        await canvas.Input("assigneeRole").Locator("select").SelectOptionAsync("coordinator");
        var outcomes = canvas.Input("outcomes");
        await outcomes.GetByRole(AriaRole.Button, new() { Name = "添加办理结果" }).ClickAsync();
        await outcomes.GetByRole(AriaRole.Button, new() { Name = "添加办理结果" }).ClickAsync();
        await outcomes.GetByLabel("结果标识").Nth(0).FillAsync("approve");
        await outcomes.GetByLabel("按钮文字", new() { Exact = true }).Nth(0).FillAsync("同意");
        await outcomes.GetByLabel("结果标识").Nth(1).FillAsync("reject");
        await outcomes.GetByLabel("按钮文字", new() { Exact = true }).Nth(1).FillAsync("不同意");
        // A deadline of three working days with its legal basis.
        var due = canvas.Input("due");
        await due.GetByLabel("数量").FillAsync("3");
        await due.GetByLabel("单位").SelectOptionAsync("workingDays");
        await Assertions.Expect(due).ToContainTextAsync("请填写期限的法律依据");
        await due.GetByLabel("法律依据").FillAsync("会商工作规则第八条");
        // The form: the amount the decision looks at, and reasons required only when rejecting.
        var form = canvas.Input("form");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加表单字段" }).ClickAsync();
        await form.GetByTestId("form-field").Nth(0).GetByLabel("字段标识").FillAsync("amount");
        await form.GetByTestId("form-field").Nth(0).GetByLabel("字段名称", new() { Exact = true }).FillAsync("涉案金额");
        await form.GetByTestId("form-field").Nth(0).GetByLabel("字段类型").SelectOptionAsync("number");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加表单字段" }).ClickAsync();
        await form.GetByTestId("form-field").Nth(1).GetByLabel("字段标识").FillAsync("reason");
        await form.GetByTestId("form-field").Nth(1).GetByLabel("字段名称", new() { Exact = true }).FillAsync("理由");
        await form.GetByTestId("form-field").Nth(1).GetByLabel("reject").CheckAsync();
        await Assertions.Expect(canvas.PinnedError(task)).ToBeHiddenAsync();

        // The outcome handles exist now: connect them.
        await canvas.ConnectAsync(task, "approve", decision);
        await canvas.ConnectAsync(task, "reject", small);
        await canvas.ConnectAsync(decision, "True", large);
        await canvas.ConnectAsync(decision, "False", small);

        // The decision has no condition yet: pinned error, publish refused.
        await Assertions.Expect(canvas.PinnedError(decision)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("validation-errors")).ToContainTextAsync("condition");
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();
        await user.ScreenshotAsync("designer-validation-error-pinned");

        await canvas.SelectAsync(decision);
        var condition = canvas.Input("condition");
        await condition.GetByRole(AriaRole.Button, new() { Name = "+ 条件", Exact = true }).ClickAsync();
        await condition.GetByLabel("字段").FillAsync($"activities.{task}.data.amount");
        await condition.GetByLabel("运算").SelectOptionAsync(">");
        await condition.GetByLabel("值").FillAsync("100000");
        await Assertions.Expect(canvas.PinnedError(decision)).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("validation-ok")).ToBeVisibleAsync();
        await user.ScreenshotAsync("designer-flow-valid");

        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("definition-status")).ToContainTextAsync("已发布 v1");
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("第 1 版已发布");

        // What was published is what was drawn.
        using var api = await app.Server.ApiAsync("sfj-coordinator");
        var published = (await api.GetJsonAsync($"/api/definitions/{definitionId}/versions/1"))["definition"]!;
        var connections = published["flowchart"]!["connections"]!.AsArray().Select(c => $"{c!["source"]}|{c["outcome"]}|{c["target"]}").ToList();
        connections.Should().BeEquivalentTo([$"start|Done|{task}", $"{task}|approve|{decision}", $"{task}|reject|{small}", $"{decision}|True|{large}", $"{decision}|False|{small}"]);
        var taskNode = published["flowchart"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == task)!;
        taskNode["inputs"]!["form"]!["fields"]![1]!["requiredForOutcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("reject");
        JsonNode.DeepEquals(taskNode["inputs"]!["due"], JsonNode.Parse("""{"amount":3,"unit":"workingDays","legalBasis":"会商工作规则第八条"}"""))
            .Should().BeTrue(taskNode["inputs"]!["due"]!.ToJsonString());
        var written = published["flowchart"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == decision)!["inputs"]!["condition"];
        JsonNode.DeepEquals(written, JsonNode.Parse($$$"""{"$expr":{">":[{"var":"activities.{{{task}}}.data.amount"},100000]}}""")).Should().BeTrue(written!.ToJsonString());

        // A case through the API: one waits at the task, the other is approved with a large amount and completes.
        var waiting = await StartAsync(api, definitionId);
        var done = await StartAsync(api, definitionId);
        var openTask = (await api.GetJsonAsync($"/api/cases/{done}"))["openTasks"]![0]!["id"]!.GetValue<string>();
        await api.PostJsonAsync($"/api/tasks/{openTask}/complete", new JsonObject { ["outcome"] = "approve", ["data"] = new JsonObject { ["amount"] = 250000 } });

        await user.GotoAsync($"/instances/{done}");
        var viewer = page.GetByTestId("instance-viewer");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-status", "completed");
        foreach (var executed in new[] { "start", task, decision, large })
            await Assertions.Expect(canvas.Node(executed).Locator(".activity-node")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(canvas.Node(small).Locator(".activity-node")).Not.ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex(".+"));
        await Assertions.Expect(page.Locator(".react-flow__edge.edge-taken")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("journal")).ToContainTextAsync("案件办结");
        await user.ScreenshotAsync("designer-instance-completed");

        await user.GotoAsync($"/instances/{waiting}");
        await Assertions.Expect(canvas.Node(task).Locator(".activity-node")).ToHaveAttributeAsync("data-state", "waiting");
        await Assertions.Expect(canvas.Node("start").Locator(".activity-node")).ToHaveAttributeAsync("data-state", "done");
        var open = page.GetByTestId("open-tasks");
        await Assertions.Expect(open).ToContainTextAsync("审核会商申请");
        await Assertions.Expect(open).ToContainTextAsync("会商办协调员");
        await Assertions.Expect(open.Locator("[data-light=green]")).ToHaveCountAsync(1);
        await Assertions.Expect(open).ToContainTextAsync("会商工作规则第八条");
        await Assertions.Expect(page.Locator(".react-flow__edge.edge-taken")).ToHaveCountAsync(1);
        await user.ScreenshotAsync("designer-instance-waiting");
    }

    [Fact]
    public async Task Only_coordinators_and_administrators_may_change_definitions_and_others_see_them_read_only()
    {
        await using var staff = await app.SignInAsync("scjg-staff");
        await staff.GotoAsync("/designer/examples.simple-consultation");
        await Assertions.Expect(new Canvas(staff.Page).Node("review")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Page.GetByTestId("save")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Page.GetByTestId("publish")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Page.GetByTestId("palette")).ToHaveCountAsync(0);
        await new Canvas(staff.Page).SelectAsync("review");
        await Assertions.Expect(new Canvas(staff.Page).Input("assigneeRole").Locator("select")).ToBeDisabledAsync();

        // The server enforces it too.
        using var api = await app.Server.ApiAsync("scjg-staff");
        var definition = (await api.GetJsonAsync("/api/definitions/examples.simple-consultation/versions/1"))["definition"]!;
        var save = await api.SendJsonAsync(HttpMethod.Put, "/api/definitions/examples.simple-consultation/draft", definition.DeepClone());
        save.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var publish = await api.SendJsonAsync(HttpMethod.Post, "/api/definitions/examples.simple-consultation/versions/1/retract", null);
        publish.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task<string> StartAsync(ApiSession api, string definitionId)
    {
        var started = await api.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = definitionId, ["input"] = new JsonObject() });
        return started!["instanceId"]!.GetValue<string>();
    }
}
