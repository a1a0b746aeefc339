using System.Text.Json.Nodes;

namespace ConsultFlow.Server.Features.Messaging;

/// <summary>A message in the error queue: what it was, why it failed the last time, and its body.</summary>
public sealed record ErrorMessage(string MessageId, string? MessageType, string? Reason, string? ExceptionType, string? FaultedAt, JsonNode? Message);
