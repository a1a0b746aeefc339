namespace ConsultFlow.Server.Features.Security;

/// <summary>Authorization policy names. Everything else needs only a signed-in principal (the fallback policy).</summary>
public static class Policies
{
    /// <summary>Holders of the "administrator" role, who may only be seated in a coordination office or the system agency.</summary>
    public const string Administrator = "Administrator";
}
