namespace ConsultFlow.Messaging.Tests.Infrastructure;

/// <summary>One ConsultFlow server process and the address it listens on.</summary>
public sealed record ServerNode(string Name, NodeProcess Process, Uri BaseAddress);
