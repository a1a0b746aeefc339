using ConsultFlow.Engine.Calendar;
using static ConsultFlow.Engine.Tests.Calendar.TestCalendar;

namespace ConsultFlow.Engine.Tests.Calendar;

public sealed class TrafficLightsTests
{
    private static readonly DateTimeOffset Start = Bj(2026, 3, 10);
    private static readonly DateTimeOffset Due = Start.AddHours(100);

    [Theory]
    [InlineData(-1, TrafficLight.Green)] // before the start
    [InlineData(0, TrafficLight.Green)]
    [InlineData(50, TrafficLight.Green)]
    [InlineData(74, TrafficLight.Green)] // 26% left
    [InlineData(75, TrafficLight.Yellow)] // exactly 25% left
    [InlineData(99, TrafficLight.Yellow)]
    [InlineData(100, TrafficLight.Red)] // at the due time: overdue
    [InlineData(150, TrafficLight.Red)]
    public void Default_threshold_is_the_last_quarter(int hoursAfterStart, TrafficLight expected)
    {
        TrafficLights.Evaluate(Start, Due, Start.AddHours(hoursAfterStart)).Should().Be(expected);
    }

    [Fact]
    public void Threshold_is_configurable()
    {
        TrafficLights.Evaluate(Start, Due, Start.AddHours(50), yellowShare: 0.5).Should().Be(TrafficLight.Yellow);
        TrafficLights.Evaluate(Start, Due, Start.AddHours(99), yellowShare: 0).Should().Be(TrafficLight.Green);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Threshold_must_be_a_share(double yellowShare)
    {
        FluentActions.Invoking(() => TrafficLights.Evaluate(Start, Due, Start, yellowShare))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_due_time_not_after_the_start_is_yellow_until_it_passes()
    {
        TrafficLights.Evaluate(Start, Start, Start.AddHours(-1)).Should().Be(TrafficLight.Yellow);
        TrafficLights.Evaluate(Start, Start, Start).Should().Be(TrafficLight.Red);
    }

    [Fact]
    public void Evaluates_a_deadline_with_the_time_provider()
    {
        // Head's decision on a referral, 3 working days from Wed 9/30 10:00: due 10/11 00:00 (see calculator tests).
        var deadline = Calculator.Compute(Bj(2026, 9, 30, 10), Period.WorkingDays(3));

        TrafficLights.Evaluate(deadline, new FixedTime(Bj(2026, 10, 2, 12))).Should().Be(TrafficLight.Green);
        TrafficLights.Evaluate(deadline, new FixedTime(Bj(2026, 10, 9, 12))).Should().Be(TrafficLight.Yellow);
        TrafficLights.Evaluate(deadline, new FixedTime(Bj(2026, 10, 11))).Should().Be(TrafficLight.Red);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
