namespace ConsultFlow.Engine.Definitions;

/// <summary>Where the designer draws an activity; the engine ignores it.</summary>
public sealed record Position(double X, double Y);
