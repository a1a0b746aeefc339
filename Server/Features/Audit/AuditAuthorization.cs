namespace ConsultFlow.Server.Features.Audit;

/// <summary>Who may read and verify the record. Adjust the roles here when the directory's roles are in place.</summary>
public static class AuditAuthorization
{
    public const string ReadersPolicy = "AuditReaders";

    /// <summary>Administrators (people, or API clients an administrator gave that role).</summary>
    public static readonly string[] ReaderRoles = ["administrator"];
}
