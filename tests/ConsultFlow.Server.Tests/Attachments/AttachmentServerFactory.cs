namespace ConsultFlow.Server.Tests.Attachments;

/// <summary>The in-memory server with its attachments in the test folder and an 8 MiB limit (so 9 MiB is refused).</summary>
public class AttachmentServerFactory : ServerFactory
{
    public const long Limit = 8 * 1024 * 1024;

    public AttachmentServerFactory()
    {
        Settings["ConsultFlow:Attachments:Path"] = AttachmentFolder;
        Settings["ConsultFlow:Attachments:MaxBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string AttachmentFolder => Path.Combine(Folder, "attachments");

    /// <summary>The stored files (not the incoming folder's leftovers, which must be none either).</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(AttachmentFolder) ? Directory.GetFiles(AttachmentFolder, "*", SearchOption.AllDirectories) : [];
}
