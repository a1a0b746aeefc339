using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.State;

/// <summary>What resumed a bookmark: kept with the queued work so a retry after a fault sees the same input.</summary>
public sealed record ResumeEvent(BookmarkState Bookmark, string? Outcome, JsonNode? Data, Actor? Actor, DateTimeOffset At);
