using System.Text.Json.Nodes;
using ConsultFlow.Engine.State;

namespace ConsultFlow.Engine.Runtime;

/// <summary>The bookmark an activity continues from and what arrived with it.</summary>
public sealed record ResumeContext(BookmarkState Bookmark, string? Outcome, JsonNode? Data, Actor? Actor, DateTimeOffset At);
