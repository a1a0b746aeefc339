namespace ConsultFlow.Engine.Runtime;

/// <summary>The claim of a task as a permission check saw it (null: unclaimed).</summary>
public sealed record ClaimSeen(string? ClaimedBy);
