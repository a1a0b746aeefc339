using System.Text.Json.Nodes;
using ConsultFlow.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Designer;

/// <summary>
/// Editing a published definition: copy and paste, undo and redo, automatic layout, saving the next version as a draft
/// (the published one and the cases on it stay as they were), the version history with its differences, retracting.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DesignerEditingTests(WebApp app)
{
    [Fact]
    public async Task Editing_makes_a_new_draft_version_whose_differences_the_history_shows_and_a_version_can_be_retracted()
    {
        var definitionId = $"e2e.edit-{Guid.NewGuid():N}"[..20];
        using var api = await app.Server.ApiAsync("sfj-coordinator");
        var definition = JsonNode.Parse($$"""
            {
              "id": "{{definitionId}}", "name": "编辑测试",
              "flowchart": {
                "activities": [
                  { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
                  { "id": "review", "type": "HumanTask", "name": "审议", "position": { "x": 260, "y": 0 },
                    "inputs": { "title": "审议", "assigneeAgency": "sfj", "assigneeRole": "coordinator", "outcomes": [{ "name": "ok", "label": "办结" }] } },
                  { "id": "end", "type": "End", "position": { "x": 520, "y": 0 } }
                ],
                "connections": [{ "source": "start", "outcome": "Done", "target": "review" }, { "source": "review", "outcome": "ok", "target": "end" }]
              }
            }
            """)!;
        (await api.SendJsonAsync(HttpMethod.Put, $"/api/definitions/{definitionId}/draft", definition)).EnsureSuccessStatusCode();
        await api.PostJsonAsync($"/api/definitions/{definitionId}/versions/1/publish", null);
        var running = (await api.PostJsonAsync("/api/instances", new JsonObject { ["definitionId"] = definitionId }))!["instanceId"]!.GetValue<string>();

        await using var user = await app.SignInAsync("sfj-coordinator");
        var page = user.Page;
        var canvas = new Canvas(page);
        await user.GotoAsync($"/designer/{definitionId}");
        await Assertions.Expect(page.GetByTestId("definition-status")).ToContainTextAsync("已发布 v1");
        await Assertions.Expect(page.GetByTestId("editor")).ToHaveAttributeAsync("data-ready", "true");

        // Copy the task, paste it twice: two new activities with fresh ids.
        await canvas.SelectAsync("review");
        await page.Keyboard.PressAsync("Control+c");
        await page.Keyboard.PressAsync("Control+v");
        await page.Keyboard.PressAsync("Control+v");
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(5);
        await Assertions.Expect(canvas.Node("humanTask1")).ToBeVisibleAsync();
        await Assertions.Expect(canvas.Node("humanTask2")).ToBeVisibleAsync();
        // The copies are not connected: the server says they cannot be reached, pinned on each.
        await Assertions.Expect(canvas.PinnedError("humanTask2")).ToBeVisibleAsync();

        // Undo the second paste, redo it, undo it again.
        await page.GetByTestId("undo").ClickAsync();
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(4);
        await page.GetByTestId("redo").ClickAsync();
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(5);
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(4);

        // Connect the copy, rename the original's display name, lay the flow out automatically.
        await canvas.ConnectAsync("humanTask1", "ok", "end");
        await canvas.SelectAsync("review");
        await page.Locator("input[name=activityName]").FillAsync("办公室审议");
        await canvas.ConnectAsync("start", "Done", "humanTask1");
        await page.GetByTestId("auto-layout").ClickAsync();
        await Assertions.Expect(page.GetByTestId("validation-ok")).ToBeVisibleAsync();
        await user.ScreenshotAsync("designer-edited-auto-layout");

        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("definition-status")).ToContainTextAsync("草稿 v2");

        // The published version and the case on it are untouched.
        var v1 = (await api.GetJsonAsync($"/api/definitions/{definitionId}/versions/1"))!;
        v1["status"]!.GetValue<string>().Should().Be("published");
        v1["definition"]!["flowchart"]!["activities"]!.AsArray().Should().HaveCount(3);
        (await api.GetJsonAsync($"/api/cases/{running}"))["summary"]!["version"]!.GetValue<int>().Should().Be(1);
        // Automatic layout put the ranks left to right: start, then the two tasks one above the other, then the end.
        var v2 = (await api.GetJsonAsync($"/api/definitions/{definitionId}/versions/2"))!["definition"]!["flowchart"]!["activities"]!.AsArray()
            .ToDictionary(a => a!["id"]!.GetValue<string>(), a => (X: a!["position"]!["x"]!.GetValue<double>(), Y: a["position"]!["y"]!.GetValue<double>()));
        v2["start"].X.Should().BeLessThan(v2["review"].X);
        v2["review"].X.Should().Be(v2["humanTask1"].X);
        v2["review"].Y.Should().NotBe(v2["humanTask1"].Y);
        v2["end"].X.Should().BeGreaterThan(v2["review"].X);

        // The history compares v1 with v2.
        await page.GetByRole(AriaRole.Link, new() { Name = "版本历史" }).ClickAsync();
        var diff = page.GetByTestId("version-diff");
        await Assertions.Expect(diff.Locator("[data-change='added:activity:humanTask1']")).ToBeVisibleAsync();
        await Assertions.Expect(diff.Locator("[data-change='changed:activity:review']")).ToContainTextAsync("name");
        await Assertions.Expect(diff.Locator("[data-change='added:connection:start —Done→ humanTask1']")).ToBeVisibleAsync();
        await Assertions.Expect(diff.Locator("[data-change='added:connection:humanTask1 —ok→ end']")).ToBeVisibleAsync();
        await Assertions.Expect(diff.Locator("[data-change^='changed:activity:start']")).ToHaveCountAsync(0); // moves are not changes by default
        await user.ScreenshotAsync("designer-version-history");

        // Retract v1: no new cases on it, the running one carries on.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("tr[data-version='1']").GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-version='1']")).ToContainTextAsync("已撤回");
        var start = await api.SendJsonAsync(HttpMethod.Post, "/api/instances", new JsonObject { ["definitionId"] = definitionId, ["version"] = 1 });
        ((int)start.StatusCode).Should().BeInRange(400, 499);
        (await api.GetJsonAsync($"/api/cases/{running}"))["summary"]!["status"]!.GetValue<string>().Should().Be("suspended");
    }
}
