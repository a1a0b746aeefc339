namespace ConsultFlow.Engine.Profiles;

/// <summary>What happens to a matter while two agencies dispute jurisdiction (DOMAIN.md B).</summary>
public enum JurisdictionInterimHandling
{
    /// <summary>楚雄: the first discoverer handles first (stop the violation, fix evidence, inform the competent party).</summary>
    Chuxiong,
    /// <summary>重庆: nobody acts unilaterally until decided, unless public or personal safety is at stake.</summary>
    Chongqing,
}
