using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsultFlow.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Workbench;

/// <summary>What the workbench tests do over and over: steps through the API, a PDF to upload, reading the open case.</summary>
public static partial class WorkbenchSteps
{
    /// <summary>The open task of a step of a case, found in the user's own inbox through the API, completed with the outcome.</summary>
    public static async Task CompleteAsync(ApiSession user, Guid caseId, string activityId, string outcome, JsonObject? data = null)
    {
        var inbox = (await user.GetJsonAsync("/api/tasks?status=open&take=500")).AsArray();
        var task = inbox.Single(t => t!["instanceId"]!.GetValue<string>() == caseId.ToString() && t["activityId"]!.GetValue<string>() == activityId)!;
        await user.PostJsonAsync($"/api/tasks/{task["id"]!.GetValue<string>()}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data ?? new JsonObject() });
    }

    /// <summary>A small but real PDF (the server checks the signature of uploads against their declared type).</summary>
    public static FilePayload Pdf(string name) => new()
    {
        Name = name,
        MimeType = "application/pdf",
        Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    };

    /// <summary>The case page is open (after starting or completing): its id from the address.</summary>
    public static async Task<Guid> OpenCaseIdAsync(UserPage user)
    {
        await user.Page.WaitForURLAsync(CasePath());
        await Assertions.Expect(user.Page.GetByTestId("case-page")).ToBeVisibleAsync();
        return Guid.Parse(CasePath().Match(user.Page.Url).Groups[1].Value);
    }

    /// <summary>Opens the task of a step of a case from the user's inbox page.</summary>
    public static async Task OpenInboxTaskAsync(UserPage user, Guid caseId, string activityId)
    {
        await user.GotoAsync("/tasks");
        var row = user.Page.Locator($"[data-testid=task-row][data-instance='{caseId}'][data-activity='{activityId}']");
        await row.Locator("a").First.ClickAsync();
        await Assertions.Expect(user.Page.Locator($"[data-testid=task-page][data-activity='{activityId}']")).ToBeVisibleAsync();
    }

    /// <summary>Clicks an outcome on the open task page and waits for the case page's confirmation.</summary>
    public static async Task ChooseOutcomeAsync(UserPage user, string outcome)
    {
        await user.Page.Locator($"button[data-outcome='{outcome}']").ClickAsync();
        await Assertions.Expect(user.Page.GetByTestId("completed-notice")).ToBeVisibleAsync();
    }

    /// <summary>Uploads a PDF into a file field of the open form and waits until the field holds it.</summary>
    public static async Task UploadAsync(UserPage user, string field, string fileName)
    {
        var container = user.Page.Locator($"[data-field='{field}']");
        var before = await container.Locator("[data-attachment]").CountAsync();
        await container.Locator("input[type=file]").SetInputFilesAsync(Pdf(fileName));
        await Assertions.Expect(container.Locator("[data-attachment]")).ToHaveCountAsync(before + 1);
    }

    /// <summary>The page has no horizontal scroll (usable at its viewport).</summary>
    public static async Task ShouldFitTheWidthAsync(UserPage user)
    {
        var overflow = await user.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "the page should fit {0} without scrolling sideways", user.Page.ViewportSize?.Width);
    }

    [GeneratedRegex(@"/cases/([0-9a-f-]{36})")]
    private static partial Regex CasePath();
}
