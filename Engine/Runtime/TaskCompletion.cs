using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Runtime;

/// <summary>A person's answer to a task: the outcome chosen and the form data.</summary>
public sealed record TaskCompletion(string Outcome, JsonObject? Data = null, string? Comment = null);
