namespace ConsultFlow.Activities.Flow;

/// <summary>Raised by the <see cref="Fault"/> activity.</summary>
public sealed class WorkflowFaultException(string message) : Exception(message);
