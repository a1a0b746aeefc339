namespace ConsultFlow.Engine.Evidence;

/// <summary>
/// The bytes a journal entry's hash is computed over, version 1 (<see cref="CanonicalText"/> lines, in this order):
/// <code>
/// consultflow-journal/1
/// previous_hash, instance_id (lower-case "D" form), sequence, at, algorithm, kind, activity_id, activity_type,
/// execution_id, actor_user, actor_agency, actor_role, message, data
/// </code>
/// The hash is H(these bytes) under the entry's own algorithm, lower-case hex. Because each entry covers the one
/// before it, changing, removing, inserting or reordering any entry of a case breaks its chain from there on.
/// </summary>
public static class CaseChainForm
{
    public const string Version = "consultflow-journal/1";

    public static byte[] Serialize(CaseChainRow row) =>
        new CanonicalText(Version, 256 + (row.DataJson?.Length ?? 0) + (row.Message?.Length ?? 0))
            .Field("previous_hash", row.PreviousHash)
            .Field("instance_id", row.InstanceId.ToString("D"))
            .Number("sequence", row.Sequence)
            .Time("at", row.At)
            .Field("algorithm", row.Algorithm)
            .Field("kind", row.Kind)
            .Field("activity_id", row.ActivityId)
            .Field("activity_type", row.ActivityType)
            .Field("execution_id", row.ExecutionId?.ToString("D"))
            .Field("actor_user", row.ActorUser)
            .Field("actor_agency", row.ActorAgency)
            .Field("actor_role", row.ActorRole)
            .Field("message", row.Message)
            .Field("data", row.DataJson)
            .ToBytes();

    public static string Hash(CaseChainRow row) => HashAlgorithms.HexDigest(row.Algorithm, Serialize(row));

    /// <summary><paramref name="row"/> chained after <paramref name="previousHash"/> under <paramref name="algorithm"/>.</summary>
    public static CaseChainRow Link(CaseChainRow row, string previousHash, string algorithm)
    {
        var linked = row with { At = CanonicalText.Truncate(row.At), PreviousHash = previousHash, Algorithm = algorithm, Hash = "" };
        return linked with { Hash = Hash(linked) };
    }
}
