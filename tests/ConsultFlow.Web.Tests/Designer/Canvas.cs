using Microsoft.Playwright;

namespace ConsultFlow.Web.Tests.Designer;

/// <summary>What a person does on the designer's canvas: drag from the palette, connect handles, select, fill in properties.</summary>
internal sealed class Canvas(IPage page)
{
    public ILocator Node(string id) => page.Locator($".react-flow__node[data-id=\"{id}\"]");

    public ILocator PinnedError(string id) => Node(id).GetByTestId("pinned-error");

    public ILocator Properties => page.GetByTestId("activity-properties");

    public ILocator Input(string name) => Properties.Locator($"[data-input=\"{name}\"]");

    /// <summary>Drags an activity type from the palette and drops it at a point of the canvas; returns the new node's id.</summary>
    public async Task<string> DropAsync(string type, float x, float y)
    {
        var before = await page.Locator(".react-flow__node").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-id'))");
        await page.Locator($".palette-item[data-type=\"{type}\"]").DragToAsync(page.GetByTestId("canvas"), new() { TargetPosition = new() { X = x, Y = y } });
        await Assertions.Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(before.Length + 1);
        var after = await page.Locator(".react-flow__node").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-id'))");
        return after.Except(before).Single();
    }

    /// <summary>Draws a connection from an outcome handle of one activity to the input handle of another, as a mouse would.</summary>
    public async Task ConnectAsync(string source, string outcome, string target)
    {
        var edges = page.Locator(".react-flow__edge");
        var count = await edges.CountAsync();
        var from = await page.Locator($".react-flow__node[data-id=\"{source}\"] .handle-out[data-outcome=\"{outcome}\"]").BoundingBoxAsync()
            ?? throw new InvalidOperationException($"{source} has no visible handle {outcome}.");
        var to = await Node(target).Locator(".handle-in").BoundingBoxAsync() ?? throw new InvalidOperationException($"{target} has no input handle.");
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((from.X + to.X) / 2, (from.Y + to.Y) / 2, new() { Steps = 5 });
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(edges).ToHaveCountAsync(count + 1);
    }

    public async Task SelectAsync(string id)
    {
        await Node(id).Locator(".activity-name").ClickAsync();
        await Assertions.Expect(Properties).ToHaveAttributeAsync("data-activity", id);
    }
}
