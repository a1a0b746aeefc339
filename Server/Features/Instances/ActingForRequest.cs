namespace ConsultFlow.Server.Features.Instances;

/// <summary>In a start request: the coordination office starts the case for <see cref="Agency"/>, for the stated reason.</summary>
public sealed record ActingForRequest(string? Agency, string? Reason);
