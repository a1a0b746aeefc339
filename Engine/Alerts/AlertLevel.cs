namespace ConsultFlow.Engine.Alerts;

public enum AlertLevel
{
    /// <summary>A deadline approaches.</summary>
    Yellow,
    /// <summary>A deadline has passed.</summary>
    Red,
}
