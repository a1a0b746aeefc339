namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// Warning state of an open step (红绿灯预警, DOMAIN.md G): green in time, yellow approaching, red overdue.
/// </summary>
public enum TrafficLight
{
    Green,
    Yellow,
    Red,
}
