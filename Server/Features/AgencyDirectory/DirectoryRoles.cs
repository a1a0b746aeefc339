namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// The roles a user (or an API client) holds inside its agency. Task assignments name an agency and one of these.
/// "administrator" manages the directory of the whole installation, so it may only be held in a coordination office
/// or the system agency: a member agency's own staff never administer the others.
/// </summary>
public static class DirectoryRoles
{
    public const string Staff = "staff";
    public const string Contact = "contact";
    public const string Leader = "leader";
    public const string Legal = "legal";
    public const string Coordinator = "coordinator";
    public const string Administrator = "administrator";

    /// <summary>In this order a principal's primary role (the one the journal records) is chosen: administration last.</summary>
    public static IReadOnlyList<string> All { get; } = [Coordinator, Leader, Legal, Contact, Staff, Administrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static bool MayAdministerFrom(AgencyType type) => type is AgencyType.CoordinationOffice or AgencyType.System;

    /// <summary>Chinese names, for display and the demo data.</summary>
    public static string ChineseName(string role) => role switch
    {
        Staff => "经办人",
        Contact => "联系人",
        Leader => "主管领导",
        Legal => "法制审核员",
        Coordinator => "会商办协调员",
        Administrator => "系统管理员",
        _ => role,
    };
}
