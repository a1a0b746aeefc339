using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Runtime;

/// <summary>What an activity asks the run loop to do next.</summary>
public abstract record ActivityResult
{
    /// <summary>Done: follow the connections of these outcomes; <paramref name="Output"/> is kept by activity id.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes, JsonNode? Output) : ActivityResult;

    /// <summary>Wait on these bookmarks; the first one resumed continues the activity and the others are dropped.</summary>
    public sealed record Blocked(IReadOnlyList<BookmarkRequest> Bookmarks) : ActivityResult;

    /// <summary>Run the activity's body once per item, in parallel scopes.</summary>
    public sealed record RunBody(IReadOnlyList<JsonNode?> Items) : ActivityResult;

    public static ActivityResult Done(string outcome = Outcomes.Done, JsonNode? output = null) => new Completed([outcome], output);
    public static ActivityResult Block(params BookmarkRequest[] bookmarks) => new Blocked(bookmarks);
}
