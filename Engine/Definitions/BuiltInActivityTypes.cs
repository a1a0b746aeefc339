namespace ConsultFlow.Engine.Definitions;

/// <summary>Type names the engine itself must recognise (the rest are only known through the activity registry).</summary>
public static class BuiltInActivityTypes
{
    public const string Start = "Start";
}
