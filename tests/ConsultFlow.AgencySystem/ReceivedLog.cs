namespace ConsultFlow.AgencySystem;

/// <summary>
/// The agency side's own inbox, kept as a file of "messageId instanceId step" lines so that a test can count every
/// delivery, duplicates included.
/// </summary>
public sealed class ReceivedLog(string? path)
{
    private readonly Lock gate = new();
    private readonly HashSet<Guid> seen = [];

    /// <summary>Records a delivery; false when this message id was delivered before.</summary>
    public bool Record(Guid messageId, Guid instanceId, string step)
    {
        lock (gate)
        {
            if (path is not null) File.AppendAllText(path, $"{messageId} {instanceId} {step}\n");
            return seen.Add(messageId);
        }
    }
}
