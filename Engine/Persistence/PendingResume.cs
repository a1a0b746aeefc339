using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Persistence;

/// <summary>
/// A resume owed to another instance (a parent waiting for its child), written in the same transaction as the step
/// that owes it, so that a crash between the two steps cannot lose it.
/// </summary>
public sealed record PendingResume(Guid Id, Guid InstanceId, Guid BookmarkId, JsonNode? Data, DateTimeOffset CreatedAt);
