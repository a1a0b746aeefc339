namespace ConsultFlow.Server.Features.Errors;

/// <summary>The caller is known but may not do this (403 problem); nothing was changed.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
