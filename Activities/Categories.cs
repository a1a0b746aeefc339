namespace ConsultFlow.Activities;

/// <summary>Palette categories (the designer shows them translated).</summary>
public static class Categories
{
    public const string Flow = "flow";
    public const string Human = "human";
    public const string Timing = "timing";
    public const string Messaging = "messaging";
    public const string Composition = "composition";
}
