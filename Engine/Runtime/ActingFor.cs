namespace ConsultFlow.Engine.Runtime;

/// <summary>
/// A start made by the coordination office on behalf of <see cref="Agency"/> (e.g. a referral the agency could not
/// enter itself): the exception is kept in the case and its journal with the stated <see cref="Reason"/>.
/// </summary>
public sealed record ActingFor(string Agency, string Reason);
