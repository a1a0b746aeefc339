using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Activities;

/// <summary>Shorthand for descriptor texts, Chinese first.</summary>
internal static class Text
{
    public static LocalizedText T(string zh, string en) => new(zh, en);
}
