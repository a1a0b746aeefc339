namespace ConsultFlow.Engine.Alerts;

/// <summary>Who an alert is for: a role in an agency (e.g. the head of the referring agency, its legal office).</summary>
public sealed record AlertRecipient(string Agency, string Role);
